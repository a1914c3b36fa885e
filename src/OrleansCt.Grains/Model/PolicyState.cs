using System.Text.Json;

namespace OrleansCt.Grains.Model;

/// <summary>
/// The policy a model's log holds: the JSON of its PolicySpec, the sequence of its control entry, who set it and why, and where its
/// schedules count from — the event time seen by then (or the first one after, when none had been) and the events applied by then.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansCt.PolicyState")]
public sealed record PolicyState(
    [property: Id(0)] byte[] Policy,
    [property: Id(1)] long Sequence,
    [property: Id(2)] string By,
    [property: Id(3)] string? Reason,
    [property: Id(4)] double? EventTime,
    [property: Id(5)] long Events = 0)
{
    /// <summary>The policy as it was written out (every field explicit).</summary>
    public PolicySpec Spec() => JsonSerializer.Deserialize<PolicySpec>(Policy, JsonDefaults.Options)!;

    /// <summary>Whether the online learner learns under this policy.</summary>
    public bool Learns() => Spec().OnlineLearning ?? true;

    /// <summary>
    /// The policy a log's control entry holds (its PolicySpec written out in full) validated back for <paramref name="task"/>; the
    /// built-in "online" policy when none was set.
    /// </summary>
    public static Core.Policy.RetrainPolicy Resolve(byte[]? policy, ModelTask task) =>
        policy is not null && JsonSerializer.Deserialize<PolicySpec>(policy, JsonDefaults.Options) is { } spec
            ? Core.Policy.PolicyValidator.Validate(spec, task).Policy ?? Core.Policy.BuiltInPolicies.Online
            : Core.Policy.BuiltInPolicies.Online;
}
