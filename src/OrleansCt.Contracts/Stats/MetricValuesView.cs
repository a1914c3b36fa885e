namespace OrleansCt.Contracts;

/// <summary>Metric values; those that do not apply to the task, or are undefined, are absent; one beyond the range of a double is absent and named in OutOfRange.</summary>
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
    double? R2 = null,
    IReadOnlyList<string>? OutOfRange = null);
