namespace OrleansCt.Core.Drift.Statistics;

/// <summary>The statistic the automatic rule picked (its API field name), its threshold, and on which side of it a feature drifts.</summary>
public sealed record DriftTestChoice(string Statistic, double Threshold, bool AlertsBelow)
{
    /// <summary>Whether a value of <see cref="Statistic"/> means drift: a p-value below the threshold, a distance at or above it.</summary>
    public bool Drifted(double value) => AlertsBelow ? value < Threshold : value >= Threshold;
}
