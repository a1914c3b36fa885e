namespace OrleansCt.Core.Drift.Statistics;

/// <summary>A chi-square contingency result (fields chi2 and chi2P) with its degrees of freedom.</summary>
public sealed record ChiSquareResult(double Statistic, double PValue, int DegreesOfFreedom);
