namespace OrleansCt.Contracts;

/// <summary>A feature's (or the predictions', or the labels') summary: counts, moments, quantiles, or top categories; a statistic beyond the range of a double is absent and named in OutOfRange.</summary>
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
    long? Other,
    IReadOnlyList<string>? OutOfRange = null);
