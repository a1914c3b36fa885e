using OrleansCt.Core.Sketches;

namespace OrleansCt.Core.Drift.Windows;

/// <summary>
/// W1 of a window known by its counts on the reference's bins. Inside each bin the window is taken to have
/// the reference's shape (the reference's fine sketch), scaled to the window's share of the bin; mass below or above
/// everything the reference saw is placed where the window's own sketch puts it. So the estimate is exact whenever the
/// window differs from the reference only in how much mass each bin holds, and it does not inherit the error of a
/// bucket's small sketch inside the reference's range (that error is what made merged bucket sketches useless for W1).
/// </summary>
public static class BinnedCdf
{
    public static double W1(SketchCdf reference, NumericHistogram bins, FixedHistogram window, SketchCdf? windowSketch)
    {
        var edges = bins.Edges;
        var shares = window.Shares();
        var points = new SortedSet<double>(reference.Values);
        foreach (var e in edges)
        {
            points.Add(e);
        }

        if (windowSketch is not null && edges.Count > 0)
        {
            foreach (var v in windowSketch.Values.Where(v => v < edges[0] || v >= edges[^1]))
            {
                points.Add(v);
            }
        }

        var grid = points.ToArray();
        var area = 0.0;
        for (var k = 0; k + 1 < grid.Length; k++)
        {
            area += Math.Abs(reference.At(grid[k]) - Window(grid[k], reference, edges, shares, windowSketch)) * (grid[k + 1] - grid[k]);
        }

        return area;
    }

    /// <summary>The window's CDF at x: whole bins below x, the reference-shaped part of x's bin, the sketch's part of the tails.</summary>
    private static double Window(double x, SketchCdf reference, IReadOnlyList<double> edges, double[] shares, SketchCdf? sketch)
    {
        if (edges.Count == 0)
        {
            return reference.At(x);
        }

        if (x < edges[0])
        {
            return shares[0] * Tail(sketch, x, double.NegativeInfinity, edges[0]);
        }

        var cumulative = shares[0];
        for (var i = 0; i + 1 < edges.Count; i++)
        {
            if (x < edges[i + 1])
            {
                var below = reference.Below(edges[i]);
                var mass = reference.Below(edges[i + 1]) - below;
                return cumulative + (mass > 0 ? shares[i + 1] * (reference.At(x) - below) / mass : shares[i + 1]);
            }

            cumulative += shares[i + 1];
        }

        return cumulative + (shares[^1] * Tail(sketch, x, edges[^1], double.PositiveInfinity));
    }

    /// <summary>Share of the window's sketch mass in [from, to) that lies at or below x; a step at the bound when the sketch has none there.</summary>
    private static double Tail(SketchCdf? sketch, double x, double from, double to)
    {
        var low = double.IsNegativeInfinity(from) ? 0 : sketch?.Below(from) ?? 0;
        var high = double.IsPositiveInfinity(to) ? 1 : sketch?.Below(to) ?? 1;
        if (sketch is null || high - low <= 0)
        {
            return double.IsNegativeInfinity(from) ? (x >= to ? 1 : 0) : 1;
        }

        return Math.Clamp((sketch.At(x) - low) / (high - low), 0, 1);
    }
}
