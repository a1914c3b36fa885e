namespace OrleansCt.Core.Drift.Statistics;

/// <summary>The API field name of each statistic, as in drift-statistics.md's table.</summary>
public static class StatisticNames
{
    public const string JsDistance = "jsDistance";
    public const string Psi = "psi";
    public const string Hellinger = "hellinger";
    public const string LInfinity = "lInfinity";
    public const string WassersteinNormed = "wassersteinNormed";
    public const string KsD = "ksD";
    public const string KsP = "ksP";
    public const string Chi2 = "chi2";
    public const string Chi2P = "chi2P";
}
