using System.Diagnostics;
using OrleansCt.Core.Buckets;
using OrleansCt.Core.Drift.Multivariate;
using OrleansCt.Core.Events;
using OrleansCt.Core.Monitoring;
using OrleansCt.Core.Schema;
using OrleansCt.Core.Sketches;

namespace OrleansCt.Benchmarks;

/// <summary>
/// What the core loop's two monitor steps are made of, part by part: each part is the work ModelMonitor does for it, done alone over the
/// whole stream (its own loop, fresh sketches per pass, median of the passes), in ns per event. Parts run alone find their data warmer
/// in cache than in the mix, so their sum comes out somewhat under the step's measured time.
/// </summary>
public static class MonitorParts
{
    public static IReadOnlyList<(string Name, double Ns)> Measure(ModelSchema schema, EventBatch[] batches, Predictions[] predictions, int reps)
    {
        var spec = schema.Definition.Monitoring;
        var (k, wholeK) = (spec.QuantileK, spec.QuantileK * ModelMonitor.WholeStreamScale);
        var features = batches[0].Numeric.Length;
        var bins = Enumerable.Range(0, features).Select(f =>
        {
            var reference = new QuantileSketch(wholeK);
            reference.Add(batches[0].Numeric[f]);
            return FixedHistogram.FromQuantiles(reference, spec.HistogramBins);
        }).ToArray();
        var scoreBins = FixedHistogram.Numeric(Enumerable.Range(1, spec.HistogramBins - 1).Select(i => (double)i / spec.HistogramBins).ToArray());
        var classes = schema.Definition.Classes;
        var positive = schema.PositiveClassIndex;
        var events = (double)batches.Length * batches[0].Count;
        var scores = new double[batches[0].Count];

        return
        [
            ("events: route every row (Buckets.Route + Holds, Advance)", Time(() =>
            {
                var series = new BucketSeries<StreamStats>(
                    new BucketOptions { Seconds = spec.BucketSeconds, Events = spec.BucketEvents, AllowedLatenessSeconds = spec.AllowedLatenessSeconds, Ring = spec.Ring },
                    () => StreamStats.Create(schema));
                return b =>
                {
                    var times = batches[b].Times;
                    for (var row = 0; row < times.Length; row++)
                    {
                        series.Route(times[row]).Holds(b + 1);
                    }

                    series.Advance();
                };
            })),
            ($"events: numeric columns into the bucket's sketches ({features} NumericSketch.Add(span), k {k})", Time(() => Columns(k))),
            ($"events: numeric columns into the whole stream's ({features} NumericSketch.Add(span), k {wholeK})", Time(() => Columns(wholeK))),
            ($"events: the bucket's feature histograms ({features} FixedHistogram.Add(span))", Time(() =>
            {
                var histograms = bins.Select(h => h.EmptyCopy()).ToArray();
                return b =>
                {
                    for (var f = 0; f < features; f++)
                    {
                        histograms[f].Add(batches[b].Numeric[f]);
                    }
                };
            })),
            ("events: scores (gather the column; bucket's and whole stream's NumericSketch, prediction histogram)", Time(() =>
            {
                var (bucket, whole, histogram) = (new NumericSketch(k), new NumericSketch(wholeK), scoreBins.EmptyCopy());
                return b =>
                {
                    var served = predictions[b];
                    for (var row = 0; row < scores.Length; row++)
                    {
                        scores[row] = served.Scores[(row * served.Width) + positive];
                    }

                    histogram.Add(scores);
                    bucket.Add(scores);
                    whole.Add(scores);
                };
            })),
            ("events: predicted classes (ArgMax, 2 CategoricalSketch.Add per row)", Time(() =>
            {
                var (bucket, whole) = (new CategoricalSketch(spec.CategoryCap), new CategoricalSketch(spec.CategoryCap * ModelMonitor.WholeStreamScale));
                return b =>
                {
                    var served = predictions[b];
                    for (var row = 0; row < scores.Length; row++)
                    {
                        var name = classes[served.ArgMax(row)];
                        bucket.Add(name);
                        whole.Add(name);
                    }
                };
            })),
            ($"events: the bucket's co-moments (CoMoments.Add per row, d = {Math.Min(features, 32)})", Time(() =>
            {
                var moments = new CoMoments(Math.Min(features, 32));
                return b =>
                {
                    var columns = batches[b].Numeric;
                    for (var row = 0; row < scores.Length; row++)
                    {
                        moments.Add(columns, row);
                    }
                };
            })),
            ($"labels: the bucket's trained-row histograms ({features} FixedHistogram.Add per row)", Time(() =>
            {
                var histograms = bins.Select(h => h.EmptyCopy()).ToArray();
                return b =>
                {
                    var columns = batches[b].Numeric;
                    for (var row = 0; row < scores.Length; row++)
                    {
                        for (var f = 0; f < features; f++)
                        {
                            histograms[f].Add(columns[f][row]);
                        }
                    }
                };
            })),
        ];

        Action<int> Columns(int size)
        {
            var sketches = Enumerable.Range(0, features).Select(_ => new NumericSketch(size)).ToArray();
            return b =>
            {
                for (var f = 0; f < features; f++)
                {
                    sketches[f].Add(batches[b].Numeric[f]);
                }
            };
        }

        double Time(Func<Action<int>> start)
        {
            var runs = new List<double>();
            for (var r = -1; r < reps; r++)
            {
                var part = start();
                var clock = Stopwatch.GetTimestamp();
                for (var b = 0; b < batches.Length; b++)
                {
                    part(b);
                }

                if (r >= 0)
                {
                    runs.Add(Stopwatch.GetElapsedTime(clock).TotalSeconds * 1e9 / events);
                }
            }

            return Stats.Median(runs);
        }
    }
}
