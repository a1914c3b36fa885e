namespace OrleansCt.Contracts;

/// <summary>The window's PCA reconstruction error (RMS, in standardized units) against the reference chunks' threshold.</summary>
public sealed record MultivariateDrift(string Statistic, double Score, double Threshold, bool Drifted, long Rows)
{
    public const string Name = "reconstructionError";
}
