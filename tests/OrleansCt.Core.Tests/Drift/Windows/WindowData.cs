using OrleansCt.Core.Drift.Windows;
using OrleansCt.Core.Sketches;

namespace OrleansCt.Core.Tests.Drift.Windows;

/// <summary>Samples and closed buckets for the window tests, built the way <c>ModelMonitor</c> builds a bucket's summary.</summary>
internal static class WindowData
{
    /// <summary>A bucket's quantile sketches have MonitoringSpec's default k.</summary>
    public const int BucketK = 16;

    public const double Hour = 3_600;

    /// <summary>Standard normal values: System.Random(seed) and the Box-Muller transform (cosine branch).</summary>
    public static double[] Normal(int seed, int count)
    {
        var random = new Random(seed);
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            // 1 - U lies in (0, 1], so the logarithm is finite.
            var u1 = 1 - random.NextDouble();
            var u2 = random.NextDouble();
            values[i] = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }

        return values;
    }

    /// <summary>A numeric column of a bucket: the values on the reference's bins (NaN missing), and a k = 16 sketch of the rest.</summary>
    public static SummaryColumn Numeric(ColumnReference reference, IEnumerable<double> values)
    {
        var histogram = NumericHistogram.FromState(reference.Histogram).EmptyCopy();
        var sketch = new QuantileSketch(BucketK);
        foreach (var v in values)
        {
            histogram.Add(v);
            if (!double.IsNaN(v))
            {
                sketch.Add(v);
            }
        }

        return new SummaryColumn(histogram.ToState(), sketch.ToState());
    }

    /// <summary>A categorical column of a bucket: the values on the reference's categories (null missing).</summary>
    public static SummaryColumn Categorical(ColumnReference reference, IEnumerable<string?> values)
    {
        var histogram = CategoricalHistogram.FromState(reference.Histogram).EmptyCopy();
        foreach (var v in values)
        {
            histogram.Add(v);
        }

        return new SummaryColumn(histogram.ToState(), null);
    }

    /// <summary>The reference's bins with nothing counted.</summary>
    public static FixedHistogramState Empty(ColumnReference reference) => FixedHistogram.FromState(reference.Histogram).EmptyCopy().ToState();

    /// <summary>
    /// The hourly bucket [index h, (index + 1) h) of the profile's revision, from log entry index + 1, with nothing learned
    /// and no violations; its events are the values of the first column, missing ones included.
    /// </summary>
    public static BucketSummary Hourly(ReferenceProfile profile, long index, params SummaryColumn[] features) => new(
        profile.Revision,
        index,
        index * Hour,
        (index + 1) * Hour,
        index + 1,
        index + 1,
        features[0].Histogram.Counts.Sum() + features[0].Histogram.Missing,
        features,
        null,
        null,
        profile.Features.Select(Empty).ToArray(),
        new long[features.Length]);

    /// <summary>Bin counts by the documented rule (drift-statistics.md): a value's bin is the number of edges at or below it.</summary>
    public static long[] CountByEdges(IReadOnlyList<double> edges, IEnumerable<double> values)
    {
        var counts = new long[edges.Count + 1];
        foreach (var v in values)
        {
            counts[edges.Count(e => e <= v)]++;
        }

        return counts;
    }

    public static double[] Shares(IReadOnlyList<long> counts)
    {
        var total = (double)counts.Sum();
        return counts.Select(c => c / total).ToArray();
    }
}
