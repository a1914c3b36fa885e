namespace OrleansCt.Core.Drift.Statistics;

/// <summary>Checks and sorts raw samples for the sample statistics (Wasserstein, Kolmogorov-Smirnov); missing values are counted apart, never here.</summary>
internal static class Samples
{
    public static double[] Sorted(IReadOnlyList<double> values, string name)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        if (values.Count == 0)
        {
            throw new ArgumentException("the sample is empty; compare only windows with values.", name);
        }

        var sorted = values.ToArray();
        for (var i = 0; i < sorted.Length; i++)
        {
            if (!double.IsFinite(sorted[i]))
            {
                throw new ArgumentException($"value {i} is {sorted[i]}; drop missing and infinite values (they are data quality, not drift) before comparing.", name);
            }
        }

        Array.Sort(sorted);
        return sorted;
    }
}
