namespace OrleansCt.Core.Metrics;

/// <summary>Classification metrics at one moment; a value is null when it is undefined (no rows, no positives, no predicted positives).</summary>
/// <param name="Count">Rows observed.</param>
/// <param name="Accuracy">Share of rows whose argmax (ties to the lowest index) is the label.</param>
/// <param name="LogLoss">Mean negative log-likelihood of the label, scikit-learn 1.2 clipping and renormalisation.</param>
/// <param name="Precision">Positive class: tp / (tp + fp).</param>
/// <param name="Recall">Positive class: tp / (tp + fn).</param>
/// <param name="F1">Positive class: 2tp / (2tp + fp + fn).</param>
/// <param name="RocAuc">Positive class against the rest, from binned scores (see <see cref="ClassificationMetrics.RocAucErrorBound"/>); null for fading metrics.</param>
public sealed record ClassificationValues(
    long Count,
    double? Accuracy,
    double? LogLoss,
    double? Precision,
    double? Recall,
    double? F1,
    double? RocAuc);
