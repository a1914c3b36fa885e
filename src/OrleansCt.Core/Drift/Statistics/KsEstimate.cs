namespace OrleansCt.Core.Drift.Statistics;

/// <summary>A KS D estimated from summaries, and a bound on its distance from the D of the raw samples: |D − Estimate| ≤ ErrorBound.</summary>
public sealed record KsEstimate(double Estimate, double ErrorBound);
