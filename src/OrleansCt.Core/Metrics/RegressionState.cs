namespace OrleansCt.Core.Metrics;

/// <summary>Everything a <see cref="RegressionMetrics"/> holds, as plain numbers (a checkpoint).</summary>
/// <param name="Count">Rows observed.</param>
/// <param name="AbsoluteErrorSum">Sum of |predicted − label|.</param>
/// <param name="SquaredErrorSum">Sum of (predicted − label)².</param>
/// <param name="LabelMean">Running mean of the label (Welford).</param>
/// <param name="LabelM2">Running sum of squared deviations of the label from its mean (Welford), i.e. SST.</param>
public sealed record RegressionState(long Count, double AbsoluteErrorSum, double SquaredErrorSum, double LabelMean, double LabelM2);
