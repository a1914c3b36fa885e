namespace OrleansCt.Core.Metrics;

/// <summary>Everything a <see cref="ClassificationMetrics"/> holds, as plain numbers and arrays (a checkpoint; the owner must not mutate it).</summary>
/// <param name="Classes">K, the number of classes.</param>
/// <param name="PositiveClass">Index of the class that precision, recall, F1 and ROC AUC are about.</param>
/// <param name="Bins">Equal-width score bins on [0, 1] per histogram.</param>
/// <param name="Count">Rows observed.</param>
/// <param name="Correct">Rows whose argmax was the label.</param>
/// <param name="LogLossSum">Sum of the per-row log losses.</param>
/// <param name="TruePositives">Argmax positive, label positive.</param>
/// <param name="FalsePositives">Argmax positive, label not.</param>
/// <param name="FalseNegatives">Argmax not positive, label positive.</param>
/// <param name="TrueNegatives">Neither.</param>
/// <param name="LabelScoreBins">Classes × Bins, row-major: for class k, the histogram of P(k) over rows labelled k.</param>
/// <param name="OtherScoreBins">Classes × Bins, row-major: for class k, the histogram of P(k) over rows labelled otherwise.</param>
public sealed record ClassificationState(
    int Classes,
    int PositiveClass,
    int Bins,
    long Count,
    long Correct,
    double LogLossSum,
    long TruePositives,
    long FalsePositives,
    long FalseNegatives,
    long TrueNegatives,
    long[] LabelScoreBins,
    long[] OtherScoreBins);
