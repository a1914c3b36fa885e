using OrleansCt.Core.Sketches;

namespace OrleansCt.Core.Drift.Windows;

/// <summary>
/// The step CDF a quantile sketch stands for: its retained items, each weighing 2^level, sorted once. Two of them give
/// KS D (the largest gap between the CDFs) and W1 (the area between them) in one sweep, exactly for these steps.
/// </summary>
public sealed class SketchCdf
{
    private readonly double[] _values;
    private readonly double[] _shares;

    private SketchCdf(double[] values, double[] shares) => (_values, _shares) = (values, shares);

    public static SketchCdf Of(QuantileSketchState state)
    {
        var weighted = new List<(double Value, double Weight)>(state.Items.Length);
        var at = 0;
        for (var level = 0; level < state.LevelSizes.Length; level++)
        {
            for (var i = 0; i < state.LevelSizes[level]; i++)
            {
                weighted.Add((state.Items[at++], Math.Pow(2, level)));
            }
        }

        weighted.Sort((a, b) => a.Value.CompareTo(b.Value));
        var total = weighted.Sum(w => w.Weight);
        var values = new List<double>(weighted.Count);
        var shares = new List<double>(weighted.Count);
        var cumulative = 0.0;
        foreach (var (value, weight) in weighted)
        {
            cumulative += weight;
            if (values.Count > 0 && values[^1] == value)
            {
                shares[^1] = cumulative / total;
            }
            else
            {
                values.Add(value);
                shares.Add(cumulative / total);
            }
        }

        return new SketchCdf([.. values], [.. shares]);
    }

    public bool IsEmpty => _values.Length == 0;

    /// <summary>The distinct values, ascending.</summary>
    public IReadOnlyList<double> Values => _values;

    /// <summary>Share of the values strictly below x.</summary>
    public double Below(double x)
    {
        var i = Array.BinarySearch(_values, x);
        var upTo = (i >= 0 ? i : ~i) - 1;
        return upTo < 0 ? 0 : _shares[upTo];
    }

    /// <summary>Share of the values at or below x.</summary>
    public double At(double x)
    {
        var i = Array.BinarySearch(_values, x);
        var upTo = i >= 0 ? i : ~i - 1;
        return upTo < 0 ? 0 : _shares[upTo];
    }

    /// <summary>KS D and W1 between two step CDFs, by a sweep over both sets of values.</summary>
    public static (double D, double W1) Compare(SketchCdf a, SketchCdf b)
    {
        var points = a._values.Concat(b._values).Distinct().Order().ToArray();
        var (d, area) = (0.0, 0.0);
        for (var i = 0; i < points.Length; i++)
        {
            var gap = Math.Abs(a.At(points[i]) - b.At(points[i]));
            d = Math.Max(d, gap);
            if (i + 1 < points.Length)
            {
                area += gap * (points[i + 1] - points[i]);
            }
        }

        return (d, area);
    }
}
