using OrleansCt.Core.Schema;

namespace OrleansCt.Core.Drift.Windows;

/// <summary>
/// What a model grain sends a feature window: the reference when it is new to the window, closed buckets, and the
/// settings that judge them (the definition's drift and alert settings, the bucket span, the detectors' kinds).
/// </summary>
/// <param name="BucketSeconds">Seconds per bucket, or null when buckets count events.</param>
/// <param name="CountsSchemaChanges">The definition's <c>validation.onSchemaChange</c> is "count": a feature may vanish from the events.</param>
public sealed record WindowFeed(
    ReferenceProfile? Profile,
    BucketSummary[] Summaries,
    DriftSpec Drift,
    AlertSpec Alerts,
    double? BucketSeconds,
    string[] Detectors,
    bool CountsSchemaChanges = false);
