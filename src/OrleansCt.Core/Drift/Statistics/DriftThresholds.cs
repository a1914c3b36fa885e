namespace OrleansCt.Core.Drift.Statistics;

/// <summary>Default alert thresholds from drift-statistics.md's table; distances alert at or above, p-values below.</summary>
public static class DriftThresholds
{
    /// <summary>JS distance, base 2 (Evidently's 0.1 in natural log).</summary>
    public const double JsDistance = 0.12;

    public const double Psi = 0.2;

    /// <summary>PSI from which a feature is worth watching (Evidently alerts here).</summary>
    public const double PsiWatch = 0.1;

    public const double Hellinger = 0.15;

    public const double LInfinity = 0.1;

    public const double WassersteinNormed = 0.1;

    /// <summary>
    /// Significance level of the KS and chi-square tests: as written when a setting names <c>ksP</c> or <c>chi2P</c>; when the
    /// rule chooses them, the model's α per window, split over its features for the fixed-reference band (<see cref="ReferenceBand"/>).
    /// </summary>
    public const double PValue = 0.05;

    /// <summary>References of at most this many rows get a p-value test; larger ones a distance.</summary>
    public const long SmallReferenceRows = 1_000;

    /// <summary>A numeric feature needs more distinct values than this to be treated as continuous.</summary>
    public const int MaxDistinctForDiscrete = 5;

    /// <summary>Share of a model's features that must drift for its data to count as drifted.</summary>
    public const double DriftedFeatureShare = 0.5;
}
