using OrleansCt.Core.Drift.Statistics;

namespace OrleansCt.Core.Drift.Windows;

/// <summary>The statistics a feature's drift can be decided by, their default thresholds (drift-statistics.md) and their side.</summary>
public static class StatisticDefaults
{
    /// <summary>Every statistic name a setting may give, with its default threshold (null: the setting must give one).</summary>
    public static readonly IReadOnlyDictionary<string, double?> Thresholds = new Dictionary<string, double?>(StringComparer.Ordinal)
    {
        [StatisticNames.JsDistance] = DriftThresholds.JsDistance,
        [StatisticNames.Psi] = DriftThresholds.Psi,
        [StatisticNames.Hellinger] = DriftThresholds.Hellinger,
        [StatisticNames.LInfinity] = DriftThresholds.LInfinity,
        [StatisticNames.WassersteinNormed] = DriftThresholds.WassersteinNormed,
        [StatisticNames.KsD] = null,
        [StatisticNames.KsP] = DriftThresholds.PValue,
        [StatisticNames.Chi2] = null,
        [StatisticNames.Chi2P] = DriftThresholds.PValue,
    };

    /// <summary>Statistics that only numeric columns have.</summary>
    public static bool NumericOnly(string statistic) =>
        statistic is StatisticNames.KsD or StatisticNames.KsP or StatisticNames.WassersteinNormed;

    public static bool AlertsBelow(string statistic) => statistic is StatisticNames.KsP or StatisticNames.Chi2P;
}
