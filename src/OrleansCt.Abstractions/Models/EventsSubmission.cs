using OrleansCt.Core.Events;

namespace OrleansCt.Abstractions.Models;

/// <summary>
/// A validated batch with the predictions made for it and the snapshot that made them. A prequential submission
/// (events sent with their labels) carries no predictions: the model grain makes them test-then-train, row by row.
/// <see cref="Others"/>: what other versions predicted for the same rows without answering (the online learner under an ML.NET champion).
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansCt.EventsSubmission")]
public sealed record EventsSubmission(
    [property: Id(0)] int Revision,
    [property: Id(1)] EventBatch Batch,
    [property: Id(2)] Predictions Predictions,
    [property: Id(3)] string Version,
    [property: Id(4)] long SnapshotSequence,
    [property: Id(5)] string SnapshotDigest,
    [property: Id(6)] long ArrivalUnixMs,
    [property: Id(7)] bool Prequential,
    [property: Id(8)] VersionPredictions[]? Others = null);
