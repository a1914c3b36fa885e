namespace OrleansCt.Core.Monitoring;

/// <summary>The whole stream's data-quality counts, in a checkpoint.</summary>
public sealed record DataQualityState(long[] OutOfRange, long[] Unseen);
