namespace OrleansCt.Core.Monitoring;

/// <summary>One bucket in a checkpoint.</summary>
/// <remarks><paramref name="Folded"/> is null in checkpoints written before buckets were folded into the whole stream at close: their events were in it already.</remarks>
public sealed record BucketState(long Index, bool Closed, long Events, long Late, long LabelsAfterClose, long FirstSequence, long LastSequence, StreamStatsState Stats, bool? Folded = null);
