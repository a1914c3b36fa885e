using OrleansCt.Core.Drift.Statistics;
using OrleansCt.Core.Sketches;

namespace OrleansCt.Core.Drift.Windows;

/// <summary>
/// The fixed bins of a numeric feature (drift-statistics.md, "Binning for a stream"): edges at the reference's min, its
/// quantiles and just above its max, so values below or above everything the reference saw land in an underflow or an
/// overflow bin. A feature with at most five distinct reference values gets one bin per value (Evidently tests such a
/// feature as categorical), so a point mass that moves is seen, not hidden inside a wide bin.
/// </summary>
public static class ReferenceBins
{
    /// <summary>Bins from exact reference values (NaN skipped); none at all gives a single bin.</summary>
    public static NumericHistogram Numeric(IReadOnlyList<double> values, int bins)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        if (sorted.Length == 0)
        {
            return new NumericHistogram([]);
        }

        var distinct = sorted.Distinct().ToArray();
        if (distinct.Length <= DriftThresholds.MaxDistinctForDiscrete)
        {
            return Points(distinct);
        }

        var quantiles = Enumerable.Range(1, bins - 1).Select(i => Quantile(sorted, (double)i / bins)).ToList();
        return Ranged(sorted[0], sorted[^1], quantiles);
    }

    /// <summary>Bins from a quantile sketch of the reference: its retained values stand in for the distinct values.</summary>
    public static NumericHistogram Numeric(QuantileSketch sketch, int bins)
    {
        if (sketch.Count == 0)
        {
            return new NumericHistogram([]);
        }

        var distinct = sketch.ToState().Items.Distinct().Order().ToArray();
        if (distinct.Length <= DriftThresholds.MaxDistinctForDiscrete)
        {
            return Points(distinct);
        }

        return Ranged(sketch.Min, sketch.Max, Enumerable.Range(1, bins - 1).Select(i => sketch.Quantile((double)i / bins)).ToList());
    }

    /// <summary>Distinct non-missing values, counted up to <paramref name="cap"/> + 1 (more than the cap reads as cap + 1).</summary>
    public static long Distinct(IReadOnlyList<double> values, int cap)
    {
        var seen = new HashSet<double>();
        foreach (var v in values)
        {
            if (!double.IsNaN(v) && seen.Add(v) && seen.Count > cap)
            {
                break;
            }
        }

        return seen.Count;
    }

    /// <summary>numpy's default (linear) quantile of sorted values.</summary>
    public static double Quantile(double[] sorted, double q)
    {
        var h = (sorted.Length - 1) * q;
        var lo = (int)Math.Floor(h);
        if (lo + 1 >= sorted.Length)
        {
            return sorted[^1];
        }

        var value = sorted[lo] + ((h - lo) * (sorted[lo + 1] - sorted[lo]));
        // Neighbours beyond ±MaxValue/2 of opposite signs: their difference overflows, its half does not. The half's share is added
        // twice rather than doubled, which would overflow again past the midpoint; each partial sum lies between the neighbours.
        if (double.IsFinite(value))
        {
            return value;
        }

        var step = (h - lo) * ((sorted[lo + 1] * 0.5) - (sorted[lo] * 0.5));
        return sorted[lo] + step + step;
    }

    private static NumericHistogram Points(double[] distinct)
    {
        var edges = new List<double>();
        foreach (var v in distinct)
        {
            Append(edges, v);
            if (v < double.MaxValue)
            {
                // Just above double.MaxValue is +∞, no edge: the overflow bin holds that value instead.
                Append(edges, Math.BitIncrement(v));
            }
        }

        return new NumericHistogram(edges);
    }

    /// <summary>
    /// Edges at min, the quantiles and just above max. A quantile that repeats the one before it (or min) marks a point
    /// mass: an edge just above it gives the mass a bin of its own, so its moving away is seen.
    /// </summary>
    private static NumericHistogram Ranged(double min, double max, IReadOnlyList<double> quantiles)
    {
        var edges = new List<double> { min };
        var previous = min;
        foreach (var q in quantiles)
        {
            if (q == previous && q < max)
            {
                Append(edges, Math.BitIncrement(q));
            }
            else if (q > min && q <= max)
            {
                Append(edges, q);
            }

            previous = q;
        }

        // Just above double.MaxValue is +∞, which is no edge: there the overflow bin (≥ the last edge) is the top bin instead.
        if (max < double.MaxValue)
        {
            Append(edges, Math.BitIncrement(max));
        }

        return new NumericHistogram(edges);
    }

    private static void Append(List<double> edges, double edge)
    {
        if (edges.Count == 0 || edge > edges[^1])
        {
            edges.Add(edge);
        }
    }
}
