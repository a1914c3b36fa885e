namespace OrleansCt.Core.Drift.Statistics;

/// <summary>A two-sample Kolmogorov-Smirnov result (fields ksD and ksP) and the method that actually gave the p-value.</summary>
public sealed record KsResult(double D, double PValue, KsMethod Method);
