namespace OrleansCt.Grains.Log;

/// <summary>
/// A control entry: <see cref="Version"/> answers from this sequence on (DESIGN.md, "Training": a promotion takes effect at a
/// control entry). <see cref="MoveId"/> is the registry's alias move this entry commits, so a move a crash left half done is
/// recognised when driven again. <see cref="Reference"/>, when set, is the reference drift is measured against from here on
/// (the JSON of a ReferenceProfile built from the new champion's training window), switched in the same entry.
/// </summary>
[GenerateSerializer, Alias("OrleansCt.PromotionEntry")]
public sealed record PromotionEntry(
    long ArrivalUnixMs,
    [property: Id(0)] long MoveId,
    [property: Id(1)] string Version,
    [property: Id(2)] string? ArtifactSha256,
    [property: Id(3)] string Reason,
    [property: Id(4)] byte[]? Reference) : LogEntry(ArrivalUnixMs);
