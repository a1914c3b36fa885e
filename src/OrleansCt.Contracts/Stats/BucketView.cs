namespace OrleansCt.Contracts;

/// <summary>One kept bucket: its span, counts, and per-feature summaries and metrics.</summary>
public sealed record BucketView(
    long Index,
    double? Start,
    double? End,
    bool Closed,
    long Events,
    long Late,
    long LabelsAfterClose,
    IReadOnlyDictionary<string, FeatureStatsView> Features,
    MetricValuesView Metrics);
