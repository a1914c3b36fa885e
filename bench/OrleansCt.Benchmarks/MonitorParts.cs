using System.Diagnostics;
using OrleansCt.Core.Buckets;
using OrleansCt.Core.Drift.Multivariate;
using OrleansCt.Core.Events;
using OrleansCt.Core.Metrics;
using OrleansCt.Core.Monitoring;
using OrleansCt.Core.Schema;
using OrleansCt.Core.Sketches;

namespace OrleansCt.Benchmarks;

/// <summary>
/// What the core loop's monitor step (ModelMonitor.ObserveEvents with the batch's own labels) is made of, part by part: each part is the
/// work the monitor does for it, through the same calls, done alone over the whole stream (its own loop, fresh sketches per pass, median of
/// the passes), in ns per event. Parts run alone find their data warmer in cache than in the mix, so their sum comes out somewhat under the
/// step's measured time. Not shown: the whole stream's numeric sketches, which take each bucket's when it closes, and the reference,
/// gathered over the first events only.
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
            return NumericHistogram.FromQuantiles(reference, spec.HistogramBins);
        }).ToArray();
        var scoreBins = new NumericHistogram(Enumerable.Range(1, spec.HistogramBins - 1).Select(i => (double)i / spec.HistogramBins).ToArray());
        var classes = schema.Definition.Classes;
        var positive = schema.PositiveClassIndex;
        var events = (double)batches.Length * batches[0].Count;
        var scores = new double[batches[0].Count];

        var tallies = (Bucket: new ClassTally(classes.Count), Whole: new ClassTally(classes.Count));
        var d = Math.Min(features, 32);

        return
        [
            ($"events: route (BucketSeries.RouteAll per {ModelMonitor.RouteBlock}-row block + Holds, Advance)", Time(() =>
            {
                var series = Series();
                return b =>
                {
                    var times = batches[b].Times;
                    for (var row = 0; row < times.Length; row += ModelMonitor.RouteBlock)
                    {
                        var block = times.AsSpan(row, Math.Min(ModelMonitor.RouteBlock, times.Length - row));
                        if (series.RouteAll(block) is { } bucket)
                        {
                            bucket.Holds(b + 1);
                            continue;
                        }

                        foreach (var time in block)
                        {
                            series.Route(time).Holds(b + 1);
                        }
                    }

                    series.Advance();
                };
            })),
            ($"events: gather the scores; numeric columns and scores into the bucket's sketches (NumericSketch.Add of {features + 1} columns, k {k})", Time(() =>
            {
                var sketches = Enumerable.Range(0, features + 1).Select(_ => new NumericSketch(k)).ToArray();
                var columns = new double[features + 1][];
                return b =>
                {
                    Gather(b);
                    batches[b].Numeric.CopyTo(columns, 0);
                    columns[^1] = scores;
                    NumericSketch.Add(sketches, columns, 0, scores.Length);
                };
            })),
            ($"events: the bucket's feature and prediction histograms ({features + 1} FixedHistogram.Add(span))", Time(() =>
            {
                var histograms = bins.Select(h => h.EmptyCopy()).ToArray();
                var prediction = scoreBins.EmptyCopy();
                return b =>
                {
                    for (var f = 0; f < features; f++)
                    {
                        histograms[f].Add(batches[b].Numeric[f]);
                    }

                    prediction.Add(Gather(b));
                };
            })),
            ("events: served classes (tallied once per run; CategoricalSketch.Add per class, bucket's and whole stream's)", Time(() =>
            {
                var (bucket, whole) = (new CategoricalSketch(spec.CategoryCap), new CategoricalSketch(spec.CategoryCap * ModelMonitor.WholeStreamScale));
                return b =>
                {
                    tallies.Bucket.Clear();
                    tallies.Bucket.AddServed(predictions[b], 0, predictions[b].Count);
                    tallies.Bucket.AddTo(bucket, classes);
                    tallies.Bucket.AddTo(whole, classes);
                };
            })),
            ($"events: the bucket's co-moments (CoMoments.Add of the run's rows, d = {d})", Time(() =>
            {
                var moments = new CoMoments(d);
                return b => moments.Add(d == features ? batches[b].Numeric : batches[b].Numeric[..d], 0, batches[b].Count);
            })),
            ("labels: per row Find, argmax, log loss, the bucket's and the fading metrics; label classes tallied; delays", Time(() =>
            {
                var series = Series();
                for (var b = 0; b < batches.Length; b++)
                {
                    series.RouteAll(batches[b].Times);
                    series.Advance();
                }

                var (bucket, whole) = (new CategoricalSketch(spec.CategoryCap), new CategoricalSketch(spec.CategoryCap * ModelMonitor.WholeStreamScale));
                var metrics = new ClassificationMetrics(classes.Count, positive, spec.AucBins);
                var fading = new FadingClassificationMetrics(classes.Count, positive, spec.FadingFactor);
                var delays = new QuantileSketch(k);
                var zeros = new double[256];
                return b =>
                {
                    var (batch, served) = (batches[b], predictions[b]);
                    var labels = batch.Labels!;
                    tallies.Bucket.Clear();
                    tallies.Whole.Clear();
                    for (var row = 0; row < labels.Length; row++)
                    {
                        var owner = series.Find(batch.Times[row]);
                        var label = (int)labels[row];
                        var prediction = served.Row(row);
                        var predicted = ProbabilityRow.ArgMax(prediction);
                        var logLoss = ProbabilityRow.LogLoss(prediction, label);
                        if (owner is not null)
                        {
                            tallies.Bucket.Add(label);
                            metrics.Observe(prediction, label, predicted, logLoss);
                        }

                        tallies.Whole.Add(label);
                        fading.Observe(label, predicted, logLoss);
                    }

                    tallies.Bucket.AddTo(bucket, classes);
                    tallies.Whole.AddTo(whole, classes);
                    for (var left = labels.Length; left > 0; left -= zeros.Length)
                    {
                        delays.Add(zeros.AsSpan(0, Math.Min(left, zeros.Length)));
                    }
                };
            })),
            ($"labels: the bucket's trained-row histograms ({features} FixedHistogram.Add(span) per run)", Time(() =>
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
        ];

        BucketSeries<StreamStats> Series() => new(
            new BucketOptions { Seconds = spec.BucketSeconds, Events = spec.BucketEvents, AllowedLatenessSeconds = spec.AllowedLatenessSeconds, Ring = spec.Ring },
            () => StreamStats.Create(schema));

        // The served P(positive class) of batch b as a column, as the monitor gathers it.
        double[] Gather(int b)
        {
            var served = predictions[b];
            for (var row = 0; row < scores.Length; row++)
            {
                scores[row] = served.Scores[(row * served.Width) + positive];
            }

            return scores;
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
