namespace OrleansCt.Contracts;

/// <summary>How labels arrive: coverage of events, unmatched, after their bucket closed, delay quantiles, and their values.</summary>
public sealed record LabelStatsView(
    long Labelled,
    double? Coverage,
    long Unmatched,
    long AfterClose,
    double? DelayMedianSeconds,
    double? DelayP95Seconds,
    FeatureStatsView? Values,
    IReadOnlyList<CategoryCountView>? Classes);
