namespace OrleansCt.Core.Metrics;

/// <summary>Regression metrics at one moment; a value is null when it is undefined (no rows; R² also needs a label with spread).</summary>
/// <param name="Count">Rows observed.</param>
/// <param name="Mae">Mean absolute error.</param>
/// <param name="Rmse">Root mean squared error.</param>
/// <param name="R2">1 − SSE / SST; null for fading metrics.</param>
public sealed record RegressionValues(long Count, double? Mae, double? Rmse, double? R2);
