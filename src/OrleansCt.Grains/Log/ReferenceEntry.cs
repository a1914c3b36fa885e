namespace OrleansCt.Grains.Log;

/// <summary>A control entry: the reference drift is measured against from this sequence on (the JSON of a ReferenceProfile).</summary>
[GenerateSerializer, Alias("OrleansCt.ReferenceEntry")]
public sealed record ReferenceEntry(
    long ArrivalUnixMs,
    [property: Id(0)] byte[] Profile) : LogEntry(ArrivalUnixMs);
