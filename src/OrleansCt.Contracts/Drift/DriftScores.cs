namespace OrleansCt.Contracts;

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
    double? WassersteinNormed);
