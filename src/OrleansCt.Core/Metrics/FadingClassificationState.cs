namespace OrleansCt.Core.Metrics;

/// <summary>Everything a <see cref="FadingClassificationMetrics"/> holds, as plain numbers (a checkpoint); the sums are faded.</summary>
/// <param name="Classes">K, the number of classes.</param>
/// <param name="PositiveClass">Index of the class that precision, recall and F1 are about.</param>
/// <param name="Alpha">Fading factor in (0, 1].</param>
/// <param name="Count">Rows observed (not faded).</param>
/// <param name="Weight">Faded row count: W ← αW + 1.</param>
/// <param name="Correct">Faded count of rows whose argmax was the label.</param>
/// <param name="LogLoss">Faded sum of per-row log losses.</param>
/// <param name="TruePositives">Faded true positives.</param>
/// <param name="FalsePositives">Faded false positives.</param>
/// <param name="FalseNegatives">Faded false negatives.</param>
public sealed record FadingClassificationState(
    int Classes,
    int PositiveClass,
    double Alpha,
    long Count,
    double Weight,
    double Correct,
    double LogLoss,
    double TruePositives,
    double FalsePositives,
    double FalseNegatives);
