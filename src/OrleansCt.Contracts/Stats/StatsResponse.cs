namespace OrleansCt.Contracts;

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
    double? Watermark,
    IReadOnlyList<DetectorView>? Detectors = null,
    IReadOnlyDictionary<string, DataQualityView>? DataQuality = null,
    IReadOnlyDictionary<string, long>? NewFeatures = null);
