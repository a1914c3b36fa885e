namespace OrleansCt.Abstractions.Models;

/// <summary>
/// Where a retrain stands in the model's log: the last durable sequence when it was requested (training reads only what is at or
/// before it) and the largest event time seen by then; <see cref="DueEventTime"/> is set in the deterministic mode: ingestion
/// waits for the retrain's decision before logging the first batch whose event time reaches it.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansCt.RetrainPoint")]
public sealed record RetrainPoint(
    [property: Id(0)] bool Found,
    [property: Id(1)] long Sequence,
    [property: Id(2)] double? EventTime,
    [property: Id(3)] double? DueEventTime,
    [property: Id(4)] long FirstRetainedSequence);
