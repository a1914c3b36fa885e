namespace OrleansCt.Core.Drift.Windows;

/// <summary>How the model did on a bucket's labels known when it closed, and how many drifts each detector had signalled by then (cumulative).</summary>
public sealed record BucketPerformance(long Labelled, double? Accuracy, double? Mae, long[] DetectorDrifts);
