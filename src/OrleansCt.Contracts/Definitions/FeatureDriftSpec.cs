namespace OrleansCt.Contracts;

/// <summary>One feature's drift test: a statistic's API name (jsDistance, psi, hellinger, lInfinity, wassersteinNormed, ksD, ksP, chi2, chi2P) and its threshold.</summary>
public sealed record FeatureDriftSpec
{
    public string? Statistic { get; init; }

    /// <summary>Distances drift at or above it, p-values (ksP, chi2P) below it; null takes the statistic's default.</summary>
    public double? Threshold { get; init; }
}
