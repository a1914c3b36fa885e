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
}
