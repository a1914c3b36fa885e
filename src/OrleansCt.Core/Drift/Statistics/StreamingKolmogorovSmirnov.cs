using OrleansCt.Core.Sketches;

namespace OrleansCt.Core.Drift.Statistics;

/// <summary>KS D = max |F_ref − F_cur| (field ksD) when the windows are merged sketches or fixed-bin counts, not raw samples.</summary>
public static class StreamingKolmogorovSmirnov
{
    public const int DefaultGrid = 1_000;

    /// <summary>
    /// Max of |F̂_ref − F̂_cur| over both sketches' quantiles at ranks i/grid (i = 0..grid). If each sketch's rank error is at most
    /// ε everywhere, |D̂ − D| ≤ 1/grid + 3(ε_ref + ε_cur): ε_ref + ε_cur from the ranks, and between consecutive grid points either ECDF
    /// rises by less than 1/grid + 2ε. ε here is <see cref="QuantileSketch.RankErrorBound"/>(k), KLL's 99% per-query bound.
    /// </summary>
    public static KsEstimate FromSketches(QuantileSketch reference, QuantileSketch current, int grid = DefaultGrid)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentOutOfRangeException.ThrowIfLessThan(grid, 1);
        if (reference.Count == 0 || current.Count == 0)
        {
            throw new ArgumentException("a sketch is empty, so it has no distribution; compare only windows with values.", reference.Count == 0 ? nameof(reference) : nameof(current));
        }

        var d = 0.0;
        for (var i = 0; i <= grid; i++)
        {
            var q = (double)i / grid;
            foreach (var x in new[] { reference.Quantile(q), current.Quantile(q) })
            {
                d = Math.Max(d, Math.Abs(reference.Rank(x) - current.Rank(x)));
            }
        }

        var error = (1.0 / grid) + (3 * (Epsilon(reference) + Epsilon(current)));
        return new KsEstimate(d, error);
    }

    /// <summary>
    /// Max over bin boundaries of |cumulative reference share − cumulative current share|, for counts over the same bins in order.
    /// It is the exact ECDF gap at the boundaries, so D̂ ≤ D ≤ D̂ + max_i max(p_i, q_i): inside a bin each ECDF rises by at most its share.
    /// The bound is reported as that largest share (one-sided: D is never below D̂).
    /// </summary>
    public static KsEstimate FromBins(IReadOnlyList<long> reference, IReadOnlyList<long> current)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        if (reference.Count != current.Count)
        {
            throw new ArgumentException($"the reference has {reference.Count} bins and the current {current.Count}; give counts over the same bins.", nameof(current));
        }

        double r = reference.Sum(), c = current.Sum();
        if (r == 0 || c == 0)
        {
            throw new ArgumentException("a window has no counts, so it has no distribution; compare only windows with values.", r == 0 ? nameof(reference) : nameof(current));
        }

        double d = 0, widest = 0, fr = 0, fc = 0;
        for (var i = 0; i < reference.Count; i++)
        {
            fr += reference[i];
            fc += current[i];
            d = Math.Max(d, Math.Abs((fr / r) - (fc / c)));
            widest = Math.Max(widest, Math.Max(reference[i] / r, current[i] / c));
        }

        return new KsEstimate(d, widest);
    }

    /// <summary>The KS D from two histograms with the same bins (missing values are not part of either distribution).</summary>
    public static KsEstimate FromHistograms(FixedHistogram reference, FixedHistogram current)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        if (reference is not NumericHistogram r || current is not NumericHistogram c || !r.Edges.SequenceEqual(c.Edges))
        {
            throw new ArgumentException("KS needs two numeric histograms with the same edges; build both from the same reference.", nameof(current));
        }

        return FromBins(reference.Counts, current.Counts);
    }

    // A sketch that never compacted holds every value, so its ranks are exact.
    private static double Epsilon(QuantileSketch s) => s.RetainedItems == s.Count ? 0 : QuantileSketch.RankErrorBound(s.K);
}
