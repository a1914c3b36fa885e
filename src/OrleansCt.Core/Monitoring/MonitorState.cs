namespace OrleansCt.Core.Monitoring;

/// <summary>The exact contents of a <see cref="ModelMonitor"/>, for checkpoints: the buckets and the whole stream, then one state per part.</summary>
/// <param name="Reference">The reference's bins and revision; null until a reference is set or gathered.</param>
public sealed record MonitorState(
    BucketSeriesState Buckets,
    StreamStatsState Overall,
    long Events,
    ReferenceBinsState? Reference,
    ReferenceGatheringState Gathering,
    DataQualityState Quality,
    LabelObservationState Labels,
    DriftOutboxState Outbox);
