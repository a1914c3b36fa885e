namespace OrleansCt.Core.Drift.Statistics;

/// <summary>Wasserstein-1 distance between two samples, ∫|F_ref − F_cur| dx (scipy.stats.wasserstein_distance), and its normed form (field wassersteinNormed).</summary>
public static class Wasserstein
{
    /// <summary>The floor under the reference standard deviation, so a constant reference does not divide by zero (Evidently's choice).</summary>
    public const double MinStandardDeviation = 0.001;

    /// <summary>W1 in the feature's units: the area between the two empirical CDFs.</summary>
    public static double Distance(IReadOnlyList<double> reference, IReadOnlyList<double> current)
    {
        var a = Samples.Sorted(reference, nameof(reference));
        var b = Samples.Sorted(current, nameof(current));

        // Walk the merged order; between consecutive values both ECDFs are constant.
        var (i, j) = (0, 0);
        var x = Math.Min(a[0], b[0]);
        var area = 0.0;
        while (i < a.Length || j < b.Length)
        {
            var next = j >= b.Length || (i < a.Length && a[i] <= b[j]) ? a[i] : b[j];
            area += Math.Abs(((double)i / a.Length) - ((double)j / b.Length)) * (next - x);
            x = next;
            while (i < a.Length && a[i] == x)
            {
                i++;
            }

            while (j < b.Length && b[j] == x)
            {
                j++;
            }
        }

        return area;
    }

    /// <summary>W1 divided by the reference's standard deviation (ddof 0) floored at <see cref="MinStandardDeviation"/>: the API's <c>wassersteinNormed</c>.</summary>
    public static double Normed(IReadOnlyList<double> reference, IReadOnlyList<double> current) =>
        Distance(reference, current) / Math.Max(StandardDeviation(reference), MinStandardDeviation);

    private static double StandardDeviation(IReadOnlyList<double> values)
    {
        var mean = values.Average();
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += (v - mean) * (v - mean);
        }

        return Math.Sqrt(sum / values.Count);
    }
}
