namespace OrleansCt.Core.Drift.Windows;

/// <summary>Every statistic of drift-statistics.md for one column and window, under its API field name; KS and Wasserstein only for numeric columns.</summary>
public sealed record DriftScores(
    double JsDistance,
    double Psi,
    double Hellinger,
    double LInfinity,
    double Chi2,
    double Chi2P,
    double? KsD,
    double? KsP,
    double? WassersteinNormed)
{
    /// <summary>The value of the statistic with this API name, or null when this column has none.</summary>
    public double? Get(string statistic) => statistic switch
    {
        Statistics.StatisticNames.JsDistance => JsDistance,
        Statistics.StatisticNames.Psi => Psi,
        Statistics.StatisticNames.Hellinger => Hellinger,
        Statistics.StatisticNames.LInfinity => LInfinity,
        Statistics.StatisticNames.Chi2 => Chi2,
        Statistics.StatisticNames.Chi2P => Chi2P,
        Statistics.StatisticNames.KsD => KsD,
        Statistics.StatisticNames.KsP => KsP,
        Statistics.StatisticNames.WassersteinNormed => WassersteinNormed,
        _ => null,
    };
}
