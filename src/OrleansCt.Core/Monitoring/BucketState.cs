namespace OrleansCt.Core.Monitoring;

/// <summary>One bucket in a checkpoint.</summary>
public sealed record BucketState(long Index, bool Closed, long Events, long Late, long LabelsAfterClose, long FirstSequence, long LastSequence, StreamStatsState Stats);
