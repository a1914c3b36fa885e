using OrleansCt.Core.Drift.Windows;

namespace OrleansCt.Core.Monitoring;

/// <summary>What the feature windows have not confirmed yet, in a checkpoint.</summary>
public sealed record DriftOutboxState(ReferenceProfile? PendingProfile, BucketSummary[] PendingSummaries, long LastSummarized, long DroppedSummaries);
