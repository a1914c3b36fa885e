using System.Text.Json.Serialization;

namespace OrleansCt.Contracts;

/// <summary>
/// What a triggered retrain trains, as in an on-demand retrain: the kind ("scratch", the default; "warm"; "online": the online
/// learner as the candidate, which takes no trainer or options), the trainer (default "lightGbm") with its ML.NET options by
/// name, and the seed (default 0).
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record PolicyRetrainSpec
{
    public string? Kind { get; init; }

    public string? Trainer { get; init; }

    public IReadOnlyDictionary<string, double>? Options { get; init; }

    public int? Seed { get; init; }
}
