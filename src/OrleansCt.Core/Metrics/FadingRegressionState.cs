namespace OrleansCt.Core.Metrics;

/// <summary>Everything a <see cref="FadingRegressionMetrics"/> holds, as plain numbers (a checkpoint); the sums are faded.</summary>
/// <param name="Alpha">Fading factor in (0, 1].</param>
/// <param name="Count">Rows observed (not faded).</param>
/// <param name="Weight">Faded row count: W ← αW + 1.</param>
/// <param name="AbsoluteError">Faded sum of |predicted − label|.</param>
/// <param name="SquaredError">Faded sum of (predicted − label)².</param>
public sealed record FadingRegressionState(double Alpha, long Count, double Weight, double AbsoluteError, double SquaredError);
