namespace OrleansCt.Core.Monitoring;

/// <summary>The monitor's buckets in a checkpoint: the event-time bookkeeping and every bucket kept, closed first.</summary>
public sealed record BucketSeriesState(double Watermark, double MaxEventTime, long LateEvents, BucketState[] Buckets);
