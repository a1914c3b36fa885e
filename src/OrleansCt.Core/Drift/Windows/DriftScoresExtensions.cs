using OrleansCt.Core.Drift.Statistics;

namespace OrleansCt.Core.Drift.Windows;

/// <summary>Reads one statistic of a <see cref="DriftScores"/> by its API name.</summary>
public static class DriftScoresExtensions
{
    /// <summary>The value of the statistic with this API name, or null when this column has none.</summary>
    public static double? Get(this DriftScores scores, string statistic) => statistic switch
    {
        StatisticNames.JsDistance => scores.JsDistance,
        StatisticNames.Psi => scores.Psi,
        StatisticNames.Hellinger => scores.Hellinger,
        StatisticNames.LInfinity => scores.LInfinity,
        StatisticNames.Chi2 => scores.Chi2,
        StatisticNames.Chi2P => scores.Chi2P,
        StatisticNames.KsD => scores.KsD,
        StatisticNames.KsP => scores.KsP,
        StatisticNames.WassersteinNormed => scores.WassersteinNormed,
        _ => null,
    };
}
