namespace OrleansCt.Abstractions.Models;

/// <summary>What one enforcement of retention dropped, and the totals since the model was registered.</summary>
[GenerateSerializer, Immutable, Alias("OrleansCt.RetentionResult")]
public sealed record RetentionResult(
    [property: Id(0)] long DroppedEntries,
    [property: Id(1)] long DroppedEvents,
    [property: Id(2)] long DroppedBytes,
    [property: Id(3)] long TotalEntries,
    [property: Id(4)] long TotalEvents,
    [property: Id(5)] long TotalBytes,
    [property: Id(6)] long FirstRetainedSequence);
