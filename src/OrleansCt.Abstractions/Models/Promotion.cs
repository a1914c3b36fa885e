namespace OrleansCt.Abstractions.Models;

/// <summary>
/// The registry's request that <see cref="Version"/> answer from the model's next log entry on (its alias move
/// <see cref="MoveId"/>). <see cref="ArtifactSha256"/> null: the online learner. With <see cref="ReferenceFrom"/> and
/// <see cref="ReferenceTo"/> (event times, [from, to)), the reference switches in the same entry to the logged events of that
/// range — the new champion's training window — so drift is measured against what it learned from.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansCt.Promotion")]
public sealed record Promotion(
    [property: Id(0)] long MoveId,
    [property: Id(1)] string Version,
    [property: Id(2)] string? ArtifactSha256,
    [property: Id(3)] string Reason,
    [property: Id(4)] double? ReferenceFrom = null,
    [property: Id(5)] double? ReferenceTo = null);
