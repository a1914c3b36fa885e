namespace OrleansCt.Core.Drift.Statistics;

/// <summary>The statistic of each reference chunk against the whole reference, their mean and standard deviation (ddof 0), and the alert threshold mean + 3·std.</summary>
public sealed record ReferenceThresholdResult(IReadOnlyList<double> ChunkValues, double Mean, double StandardDeviation, double Threshold);
