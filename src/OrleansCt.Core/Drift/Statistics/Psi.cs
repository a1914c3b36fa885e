namespace OrleansCt.Core.Drift.Statistics;

/// <summary>Population stability index (drift-statistics.md): Σ (q−p)·ln(q/p), empty shares replaced by 1e-4 (field psi).</summary>
public static class Psi
{
    /// <summary>The share that stands in for an empty bin, so that ln(q/p) stays finite.</summary>
    public const double EmptyShare = 1e-4;

    /// <summary>PSI of current shares q against reference shares p; not renormalised after the replacement.</summary>
    public static double Compute(IReadOnlyList<double> p, IReadOnlyList<double> q)
    {
        ShareVectors.Check(p, q);
        var sum = 0.0;
        for (var i = 0; i < p.Count; i++)
        {
            var a = p[i] > 0 ? p[i] : EmptyShare;
            var b = q[i] > 0 ? q[i] : EmptyShare;
            sum += (b - a) * Math.Log(b / a);
        }

        return sum;
    }
}
