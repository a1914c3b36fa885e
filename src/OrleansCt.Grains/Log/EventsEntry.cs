using OrleansCt.Core.Events;

namespace OrleansCt.Grains.Log;

/// <summary>An event batch (labels included, for backfill) with the predictions served and the snapshot that made them.</summary>
[GenerateSerializer, Alias("OrleansCt.EventsEntry")]
public sealed record EventsEntry(
    long ArrivalUnixMs,
    [property: Id(0)] EventBatch Batch,
    [property: Id(1)] Predictions Predictions,
    [property: Id(2)] string Version,
    [property: Id(3)] long SnapshotSequence,
    [property: Id(4)] string SnapshotDigest) : LogEntry(ArrivalUnixMs);
