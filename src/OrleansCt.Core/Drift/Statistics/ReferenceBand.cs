using System.Collections.Concurrent;
using MathNet.Numerics;

namespace OrleansCt.Core.Drift.Statistics;

/// <summary>
/// How far a window must lie from a fixed reference *sample* before it counts as drifted (docs/architecture.md, "Drift: from a
/// closed bucket to an alert"). A two-sample test's α holds on average over the references one might have drawn, not for the one
/// the model has: every window is compared with the same reference, so a reference whose own ECDF strayed from its population
/// makes the windows "drift" far more often than α (a 1,000-row reference at its 90th percentile of strays already does so on 8 %
/// of windows). Instead the window is tested against the population the reference stands for: it lies within the reference
/// sample's (1 − α) band of that population (plus the reference's own measurement error), and a window from it lies within the
/// window's (1 − α) band, so by the triangle inequality a window farther from the reference than the two bands together drifts
/// with probability at most α — for every reference inside its band, which is all but a share α of them.
/// </summary>
public static class ReferenceBand
{
    private static readonly ConcurrentDictionary<(long N, double Alpha), double> Exact = new();
    private static readonly ConcurrentDictionary<double, double> Limiting = new();
    private static readonly ConcurrentDictionary<(int Dof, double Alpha), double> ChiSquare = new();

    /// <summary>
    /// The per-feature α: <see cref="DriftThresholds.PValue"/> split evenly over a model's features (Bonferroni), so that a window
    /// of a stationary stream makes any feature drift with probability at most α, however many features the model has.
    /// </summary>
    public static double FeatureAlpha(int features) => DriftThresholds.PValue / Math.Max(1, features);

    /// <summary>
    /// The KS D beyond which a window drifts: c(n, α) + <paramref name="referenceError"/> + c(m, α), c the one-sample Kolmogorov
    /// critical value (<see cref="Critical"/>) for the reference's n rows and the window's m rows.
    /// </summary>
    public static double KsDistance(long referenceRows, long windowRows, double alpha, double referenceError) =>
        Critical(referenceRows, alpha) + referenceError + Critical(windowRows, alpha);

    /// <summary>
    /// The chi distance √(Σ (p_i − q_i)² / s_i) (s the pooled shares; the two-sample χ² is en times its square) beyond which a window
    /// drifts: √(χ²_dof(α)/n) + <paramref name="referenceError"/> + √(χ²_dof(α)/m), each sample's (1 − α) band of its
    /// population in the same metric (with the pooled shares standing in for the population's).
    /// </summary>
    public static double ChiDistance(long referenceRows, long windowRows, int dof, double alpha, double referenceError)
    {
        var q = ChiSquareQuantile(dof, alpha);
        return Math.Sqrt(q / referenceRows) + referenceError + Math.Sqrt(q / windowRows);
    }

    /// <summary>
    /// The one-sample two-sided Kolmogorov critical value: the smallest x with P(D_n ≥ x) ≤ α — on the exact distribution up to
    /// n = 140, above on the limiting one, λ_α/√n with Q(λ_α) = α, which is the larger (√n·D_n lies below its limit), so the band
    /// is conservative there. Found by bisection once per (n, α) and kept: a window scored every bucket asks for the same few.
    /// </summary>
    public static double Critical(long n, double alpha)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        CheckAlpha(alpha);
        return n <= 140
            ? Exact.GetOrAdd((n, alpha), static key => Bisect(x => KolmogorovDistribution.Survival(key.N, x), key.Alpha, 1))
            : Limiting.GetOrAdd(alpha, static a => Bisect(KolmogorovDistribution.Limit, a, 10)) / Math.Sqrt(n);
    }

    /// <summary>The upper-α quantile of χ² with <paramref name="dof"/> degrees of freedom: the x with P(χ²_dof ≥ x) = α, by bisection, kept per (dof, α).</summary>
    public static double ChiSquareQuantile(int dof, double alpha)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dof, 1);
        CheckAlpha(alpha);
        return ChiSquare.GetOrAdd((dof, alpha), static key =>
        {
            double Upper(double x) => SpecialFunctions.GammaUpperRegularized(key.Dof / 2.0, x / 2);
            var high = Math.Max(1.0, key.Dof);
            while (Upper(high) > key.Alpha)
            {
                high *= 2;
            }

            return Bisect(Upper, key.Alpha, high);
        });
    }

    /// <summary>The smallest x in [0, high] with survival(x) ≤ α, for a survival function falling from 1, to double precision.</summary>
    private static double Bisect(Func<double, double> survival, double alpha, double high)
    {
        var low = 0.0;
        for (var i = 0; i < 200 && high - low > 1e-15 * high; i++)
        {
            var mid = (low + high) / 2;
            (low, high) = survival(mid) > alpha ? (mid, high) : (low, mid);
        }

        return high;
    }

    private static void CheckAlpha(double alpha)
    {
        if (!(alpha is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "α must lie strictly between 0 and 1.");
        }
    }
}
