using OrleansCt.Core.Drift.Statistics;
using OrleansCt.Core.Schema;
using OrleansCt.Core.Sketches;

namespace OrleansCt.Core.Drift.Windows;

/// <summary>
/// Thresholds from the reference itself (drift-statistics.md, NannyML): the reference rows are cut into consecutive
/// chunks of a window's size, each chunk is scored against the whole reference with the statistic the feature is
/// judged by, and the threshold is mean + 3 std of those scores (mean − 3 std for a p-value).
/// </summary>
public static class ChunkThresholds
{
    /// <summary>
    /// The rows of a chunk when the caller gives none: the events a drift window holds. Buckets of events: windowBuckets ×
    /// bucketEvents. Buckets of time: the reference's own rows per window length of event time, (n − 1) · windowSeconds /
    /// (last − first) over its n timed rows, which is exact for evenly spaced rows. A reference without two distinct
    /// times says nothing about how many events a window of time holds: then a tenth of its rows, so that ten chunks fit.
    /// </summary>
    public static int DefaultRows(IReadOnlyList<double> times, MonitoringSpec monitoring)
    {
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(monitoring);
        if (monitoring.BucketSeconds is null)
        {
            return (int)Math.Clamp((double)monitoring.Drift.WindowBuckets * monitoring.BucketEvents, 1, int.MaxValue);
        }

        var (timed, first, last) = (0, double.PositiveInfinity, double.NegativeInfinity);
        foreach (var t in times)
        {
            if (double.IsFinite(t))
            {
                (timed, first, last) = (timed + 1, Math.Min(first, t), Math.Max(last, t));
            }
        }

        return timed >= 2 && last > first
            ? (int)Math.Clamp(Math.Round((timed - 1) * monitoring.Drift.WindowSeconds / (last - first)), 1, int.MaxValue)
            : Math.Max(1, times.Count / 10);
    }

    /// <summary>The profile with each feature's <see cref="ColumnReference.ChunkThreshold"/>, or unchanged where fewer than two chunks fit.</summary>
    public static ReferenceProfile Add(ReferenceProfile profile, double[][] numeric, string?[][] categorical, int chunkRows, DriftSpec drift)
    {
        var features = profile.Features.ToArray();
        for (var f = 0; f < features.Length; f++)
        {
            var column = features[f];
            var setting = drift.Features?.GetValueOrDefault(column.Name);
            var scores = new List<double>();
            var rows = (int)column.Rows;
            for (var start = 0; start + chunkRows <= rows; start += chunkRows)
            {
                var histogram = FixedHistogram.FromState(column.Histogram).EmptyCopy();
                QuantileSketch? sketch = null;
                if (f < numeric.Length)
                {
                    var values = (NumericHistogram)histogram;
                    sketch = new QuantileSketch(ReferenceProfiler.SketchK);
                    foreach (var x in numeric[f].AsSpan(start, chunkRows))
                    {
                        values.Add(x);
                        if (!double.IsNaN(x))
                        {
                            sketch.Add(x);
                        }
                    }
                }
                else
                {
                    var categories = (CategoricalHistogram)histogram;
                    foreach (var value in categorical[f - numeric.Length].AsSpan(start, chunkRows))
                    {
                        categories.Add(value);
                    }
                }

                if (DriftEvaluator.Score(column, histogram, sketch, setting, false) is { } drift1)
                {
                    scores.Add(drift1.Score);
                }
            }

            if (scores.Count >= 2 && DriftEvaluator.Score(column, Chunk(column), null, setting, false) is { } shape)
            {
                var mean = scores.Average();
                var std = Math.Sqrt(scores.Sum(v => (v - mean) * (v - mean)) / scores.Count);
                var k = ReferenceThreshold.StandardDeviations;
                features[f] = column with { ChunkThreshold = shape.AlertsBelow ? Math.Max(0, mean - (k * std)) : mean + (k * std), ChunkStatistic = shape.Statistic };
            }
        }

        return profile with { Features = features };
    }

    // Any non-empty histogram on the column's bins tells which statistic (and side) the column is judged by.
    private static FixedHistogram Chunk(ColumnReference column) => FixedHistogram.FromState(column.Histogram);
}
