namespace OrleansCt.Core.Api;

/// <summary>GET /v1/models/{model}/stats: features, predictions, labels and metrics over a window, and each kept bucket.</summary>
public sealed record StatsResponse(
    string Model,
    WindowView Window,
    IReadOnlyDictionary<string, FeatureStatsView> Features,
    PredictionStatsView Predictions,
    LabelStatsView Labels,
    MetricsView Metrics,
    IReadOnlyList<BucketView> Buckets,
    long LateEvents,
    double? Watermark);

/// <summary>The window a stats answer covers: "all", a span of event time ("24h"), or a number of events ("10000e").</summary>
public sealed record WindowView(string Spec, double? From, double? To, int Buckets, long Events);

/// <summary>A feature's (or the predictions', or the labels') summary: counts, moments, quantiles, or top categories.</summary>
public sealed record FeatureStatsView(
    string Type,
    long Count,
    long Missing,
    double? Mean,
    double? Std,
    double? Min,
    double? Max,
    IReadOnlyDictionary<string, double>? Quantiles,
    IReadOnlyList<CategoryCountView>? Top,
    long? Other);

/// <summary>A category and how often it was seen.</summary>
public sealed record CategoryCountView(string Value, long Count);

/// <summary>The served predictions: their score (P(positive class), or the value) and predicted classes.</summary>
public sealed record PredictionStatsView(FeatureStatsView Scores, IReadOnlyList<CategoryCountView>? Classes);

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

/// <summary>Prequential metrics over the whole stream, over the window, and with a fading factor.</summary>
public sealed record MetricsView(MetricValuesView Overall, MetricValuesView Window, MetricValuesView Fading);

/// <summary>Metric values; those that do not apply to the task, or are undefined, are absent.</summary>
public sealed record MetricValuesView(
    long Count,
    double? Accuracy = null,
    double? LogLoss = null,
    double? Precision = null,
    double? Recall = null,
    double? F1 = null,
    double? RocAuc = null,
    double? Mae = null,
    double? Rmse = null,
    double? R2 = null);

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
