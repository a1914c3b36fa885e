using OrleansCt.Core.Schema;

namespace OrleansCt.Core.Drift.Windows;

/// <summary>The exact contents of a <see cref="FeatureWindow"/>, for its grain's storage.</summary>
public sealed record FeatureWindowState(
    ReferenceProfile? Profile,
    BucketSummary[] Ring,
    DriftSpec Drift,
    AlertSpec Alerts,
    double? BucketSeconds,
    string[] Detectors,
    bool CountsSchemaChanges = false);
