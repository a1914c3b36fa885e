namespace OrleansCt.Core.Drift.Statistics;

/// <summary>Jensen-Shannon distance (drift-statistics.md): sqrt(½·KL(p‖m) + ½·KL(q‖m)), m = (p+q)/2, base 2 (field jsDistance), as scipy.spatial.distance.jensenshannon.</summary>
public static class JensenShannon
{
    /// <summary>The distance in base 2, in [0, 1]: the API's <c>jsDistance</c>. Shares are normalised to sum 1 first, as scipy does.</summary>
    public static double Distance(IReadOnlyList<double> p, IReadOnlyList<double> q) => Math.Sqrt(Divergence(p, q));

    /// <summary>The divergence ½·KL(p‖m) + ½·KL(q‖m) in base 2 (what TFDV and Vertex print): the square of <see cref="Distance"/>.</summary>
    public static double Divergence(IReadOnlyList<double> p, IReadOnlyList<double> q) => NaturalDivergence(p, q) / Math.Log(2);

    /// <summary>The distance in natural log (what Evidently prints): <see cref="Distance"/>·sqrt(ln 2).</summary>
    public static double NaturalDistance(IReadOnlyList<double> p, IReadOnlyList<double> q) => Math.Sqrt(NaturalDivergence(p, q));

    /// <summary>
    /// The JS distance two samples of one distribution exceed with probability about α: for near-equal shares the divergence in
    /// nats is χ²/(8·en) (χ² the two-sample statistic, en = n₁n₂/(n₁ + n₂)), so √(χ²_dof(α) / (8·ln 2·en)) in base 2. The
    /// approximation is rough for small samples: at α = 5 % it was exceeded 5–7 % of the time at 300 against 1,440 rows on ten
    /// bins, about 9 % at 40 against 120 (StationaryVerdictRateTests; a numpy simulation).
    /// </summary>
    public static double NoiseFloor(long rows1, long rows2, int dof, double alpha)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows1, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows2, 1);
        return Math.Sqrt(ReferenceBand.ChiSquareQuantile(dof, alpha) * ((1.0 / rows1) + (1.0 / rows2)) / (8 * Math.Log(2)));
    }

    private static double NaturalDivergence(IReadOnlyList<double> p, IReadOnlyList<double> q)
    {
        ShareVectors.Check(p, q);
        var (sp, sq) = (p.Sum(), q.Sum());
        if (sp <= 0 || sq <= 0)
        {
            throw new ArgumentException("a share vector sums to zero, so it is no distribution; compare only windows with values.", nameof(p));
        }

        var sum = 0.0;
        for (var i = 0; i < p.Count; i++)
        {
            var (a, b) = (p[i] / sp, q[i] / sq);
            var m = (a + b) / 2;
            sum += RelativeEntropy(a, m) + RelativeEntropy(b, m);
        }

        // Rounding can leave a hair below zero for identical vectors; the divergence itself never is.
        return Math.Max(0, sum / 2);
    }

    // x·ln(x/y), with 0·ln 0 = 0 (m > 0 wherever x > 0).
    private static double RelativeEntropy(double x, double y) => x > 0 ? x * Math.Log(x / y) : 0;
}
