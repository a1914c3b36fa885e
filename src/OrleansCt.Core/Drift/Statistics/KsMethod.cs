namespace OrleansCt.Core.Drift.Statistics;

/// <summary>How the two-sample KS p-value is computed, as scipy 1.10.1's ks_2samp <c>method</c> argument.</summary>
public enum KsMethod
{
    /// <summary>Exact when both samples have at most 10,000 values, asymptotic otherwise.</summary>
    Auto,

    /// <summary>The exact null distribution of D by lattice-path counting (Hodges 1957); falls back to asymptotic when lcm(n, m) is too large.</summary>
    Exact,

    /// <summary>The one-sample Kolmogorov distribution with n = round(n·m/(n+m)), as scipy does (kstwo.sf).</summary>
    Asymptotic,
}
