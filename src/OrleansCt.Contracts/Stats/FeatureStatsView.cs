namespace OrleansCt.Contracts;

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
