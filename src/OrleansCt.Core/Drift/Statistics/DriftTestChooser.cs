namespace OrleansCt.Core.Drift.Statistics;

/// <summary>Evidently's automatic test choice (drift-statistics.md, "Choosing a test automatically").</summary>
public static class DriftTestChooser
{
    /// <summary>
    /// Reference ≤ 1,000 rows: numeric with more than 5 distinct values → KS p-value, else chi-square p-value, alert at p &lt; 0.05.
    /// Larger: numeric with more than 5 distinct values → normed Wasserstein ≥ 0.1, else JS distance ≥ 0.12. A numeric feature with
    /// few distinct values is tested as categorical (Evidently does the same); <paramref name="distinctValues"/> counts non-missing values.
    /// </summary>
    public static DriftTestChoice Choose(FeatureKind kind, long referenceRows, long distinctValues)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(referenceRows);
        ArgumentOutOfRangeException.ThrowIfNegative(distinctValues);
        var continuous = kind == FeatureKind.Numeric && distinctValues > DriftThresholds.MaxDistinctForDiscrete;
        if (referenceRows <= DriftThresholds.SmallReferenceRows)
        {
            return new DriftTestChoice(continuous ? StatisticNames.KsP : StatisticNames.Chi2P, DriftThresholds.PValue, AlertsBelow: true);
        }

        return continuous
            ? new DriftTestChoice(StatisticNames.WassersteinNormed, DriftThresholds.WassersteinNormed, AlertsBelow: false)
            : new DriftTestChoice(StatisticNames.JsDistance, DriftThresholds.JsDistance, AlertsBelow: false);
    }

    /// <summary>A model's data counts as drifted when at least half its features drift.</summary>
    public static bool ModelDrifted(int driftedFeatures, int features)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(driftedFeatures);
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(driftedFeatures, features);
        return driftedFeatures >= DriftThresholds.DriftedFeatureShare * features;
    }
}
