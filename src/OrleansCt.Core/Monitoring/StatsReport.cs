using OrleansCt.Core.Buckets;
using OrleansCt.Core.Metrics;
using OrleansCt.Core.Schema;
using OrleansCt.Core.Sketches;

namespace OrleansCt.Core.Monitoring;

/// <summary>Turns a monitor's sketches into the stats answer for a window.</summary>
public static class StatsReport
{
    private static readonly double[] Probabilities = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99];

    public static StatsResponse Build(string model, ModelSchema schema, ModelMonitor monitor, WindowSpec window, long unmatchedLabels)
    {
        var buckets = monitor.Buckets.Closed.Concat(monitor.Buckets.Open).ToList();
        var chosen = Choose(buckets, monitor, window);
        var whole = monitor.WholeStream();
        var stats = window.Seconds is null && window.Events is null ? whole : Merge(schema, chosen);
        var windowView = new WindowView(window.Text,
            chosen.Count > 0 && double.IsFinite(chosen[0].Start) ? chosen[0].Start : null,
            chosen.Count > 0 && double.IsFinite(chosen[^1].End) ? chosen[^1].End : null,
            chosen.Count,
            window == WindowSpec.All ? monitor.Events : chosen.Sum(b => b.Events));
        var labels = new LabelStatsView(
            monitor.LabelledEvents,
            monitor.Events == 0 ? null : (double)monitor.LabelledEvents / monitor.Events,
            unmatchedLabels,
            monitor.LabelsAfterClose,
            monitor.LabelDelays.Count == 0 ? null : Finite(monitor.LabelDelays.Quantile(0.5)),
            monitor.LabelDelays.Count == 0 ? null : Finite(monitor.LabelDelays.Quantile(0.95)),
            stats.LabelValues is { } values ? Numeric(values) : null,
            stats.LabelClasses is { } classes ? Top(classes) : null);
        return new StatsResponse(
            model,
            windowView,
            Features(schema, stats),
            new PredictionStatsView(Numeric(stats.Scores), stats.PredictedClasses is { } predicted ? Top(predicted) : null),
            labels,
            new MetricsView(Metrics(whole), Metrics(stats), Fading(monitor)),
            buckets.Select(b => Bucket(schema, b)).ToList(),
            monitor.Buckets.LateEvents,
            double.IsFinite(monitor.Buckets.Watermark) ? monitor.Buckets.Watermark : null,
            monitor.Detectors.Select(d => new DetectorView(d.Spec.Kind, d.Updates, d.Drifts, d.Warnings, d.LastDriftAt, d.InWarning)).ToList(),
            DataQuality(schema, monitor, whole),
            NewFeatures(buckets));
    }

    /// <summary>Unknown features counted in the window's buckets (validation.onSchemaChange = "count"), by name.</summary>
    private static Dictionary<string, long>? NewFeatures(List<Bucket<StreamStats>> buckets)
    {
        var counts = buckets.SelectMany(b => b.State.NewFeatures ?? []).GroupBy(p => p.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(p => p.Value), StringComparer.Ordinal);
        return counts.Count == 0 ? null : counts;
    }

    private static List<Bucket<StreamStats>> Choose(List<Bucket<StreamStats>> buckets, ModelMonitor monitor, WindowSpec window)
    {
        if (window.Seconds is { } seconds)
        {
            var from = monitor.Buckets.MaxEventTime - seconds;
            return buckets.Where(b => double.IsNaN(b.End) || b.End > from).ToList();
        }

        if (window.Events is { } events)
        {
            var chosen = new List<Bucket<StreamStats>>();
            long total = 0;
            for (var i = buckets.Count - 1; i >= 0 && total < events; i--)
            {
                chosen.Insert(0, buckets[i]);
                total += buckets[i].Events;
            }

            return chosen;
        }

        return buckets;
    }

    private static StreamStats Merge(ModelSchema schema, List<Bucket<StreamStats>> buckets)
    {
        var merged = StreamStats.Create(schema);
        buckets.ForEach(b => merged.Merge(b.State));
        return merged;
    }

    private static Dictionary<string, DataQualityView> DataQuality(ModelSchema schema, ModelMonitor monitor, StreamStats whole)
    {
        var quality = new Dictionary<string, DataQualityView>(StringComparer.Ordinal);
        for (var i = 0; i < schema.Numeric.Count; i++)
        {
            var sketch = whole.Numeric[i];
            quality[schema.Numeric[i].Name] = new DataQualityView(sketch.Missing, monitor.OutOfRange[i], 0, Share(sketch.Missing, sketch.Count + sketch.Missing), monitor.MissingShares?[i]);
        }

        for (var i = 0; i < schema.Categorical.Count; i++)
        {
            var sketch = whole.Categorical[i];
            quality[schema.Categorical[i].Name] = new DataQualityView(sketch.Missing, 0, monitor.Unseen[i], Share(sketch.Missing, sketch.Count + sketch.Missing), monitor.MissingShares?[schema.Numeric.Count + i]);
        }

        return quality;
    }

    private static double? Share(long part, long total) => total == 0 ? null : (double)part / total;

    private static Dictionary<string, FeatureStatsView> Features(ModelSchema schema, StreamStats stats)
    {
        var features = new Dictionary<string, FeatureStatsView>(StringComparer.Ordinal);
        for (var i = 0; i < schema.Numeric.Count; i++)
        {
            features[schema.Numeric[i].Name] = Numeric(stats.Numeric[i]);
        }

        for (var i = 0; i < schema.Categorical.Count; i++)
        {
            features[schema.Categorical[i].Name] = Categorical(stats.Categorical[i]);
        }

        return features;
    }

    private static BucketView Bucket(ModelSchema schema, Bucket<StreamStats> bucket) => new(
        bucket.Index,
        Finite(bucket.Start),
        Finite(bucket.End),
        bucket.Closed,
        bucket.Events,
        bucket.Late,
        bucket.LabelsAfterClose,
        Features(schema, bucket.State),
        Metrics(bucket.State));

    private static FeatureStatsView Numeric(NumericSketch sketch)
    {
        var m = sketch.Moments;
        if (m.Count == 0)
        {
            return new FeatureStatsView("numeric", 0, sketch.Missing, null, null, null, null, null, null, null);
        }

        // The answer is written with the HTTP convention, which refuses NaN and infinities: a statistic beyond a double's range (the
        // std of values ±1e155 apart, whose M2 saturated) is left out and named, never written and never a failed answer.
        List<string>? outOfRange = null;
        var quantiles = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var p in Probabilities)
        {
            var name = p.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
            if (Finite(sketch.Quantiles.Quantile(p), $"quantiles.{name}", ref outOfRange) is { } q)
            {
                quantiles[name] = q;
            }
        }

        return new FeatureStatsView(
            "numeric", m.Count, sketch.Missing,
            Finite(m.Mean, "mean", ref outOfRange), Finite(m.Std, "std", ref outOfRange), Finite(m.Min, "min", ref outOfRange), Finite(m.Max, "max", ref outOfRange),
            quantiles, null, null, outOfRange);
    }

    /// <summary>The value if it is finite; else null, with its name added to <paramref name="outOfRange"/>.</summary>
    private static double? Finite(double value, string name, ref List<string>? outOfRange)
    {
        if (double.IsFinite(value))
        {
            return value;
        }

        (outOfRange ??= []).Add(name);
        return null;
    }

    private static double? Finite(double? value, string name, ref List<string>? outOfRange) => value is { } v ? Finite(v, name, ref outOfRange) : null;

    /// <summary>The value if it is finite, else null: for times and delays, where null already means "none".</summary>
    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    /// <summary>The metrics with every value beyond a double's range left out and named.</summary>
    private static MetricValuesView Checked(MetricValuesView v)
    {
        List<string>? outOfRange = null;
        var view = new MetricValuesView(
            v.Count,
            Finite(v.Accuracy, "accuracy", ref outOfRange),
            Finite(v.LogLoss, "logLoss", ref outOfRange),
            Finite(v.Precision, "precision", ref outOfRange),
            Finite(v.Recall, "recall", ref outOfRange),
            Finite(v.F1, "f1", ref outOfRange),
            Finite(v.RocAuc, "rocAuc", ref outOfRange),
            Finite(v.Mae, "mae", ref outOfRange),
            Finite(v.Rmse, "rmse", ref outOfRange),
            Finite(v.R2, "r2", ref outOfRange));
        return view with { OutOfRange = outOfRange };
    }

    private static FeatureStatsView Categorical(CategoricalSketch sketch) =>
        new("categorical", sketch.Count, sketch.Missing, null, null, null, null, null, Top(sketch), sketch.Other);

    private static List<CategoryCountView> Top(CategoricalSketch sketch) =>
        sketch.Top(10).Select(c => new CategoryCountView(c.Name, c.Count)).ToList();

    private static MetricValuesView Metrics(StreamStats stats)
    {
        if (stats.Classification is { } c)
        {
            var v = c.Values();
            return Checked(new MetricValuesView(v.Count, v.Accuracy, v.LogLoss, v.Precision, v.Recall, v.F1, v.RocAuc));
        }

        var r = stats.Regression!.Values();
        return Checked(new MetricValuesView(r.Count, Mae: r.Mae, Rmse: r.Rmse, R2: r.R2));
    }

    private static MetricValuesView Fading(ModelMonitor monitor)
    {
        if (monitor.FadingClassification is { } c)
        {
            var v = c.Values();
            return Checked(new MetricValuesView(v.Count, v.Accuracy, v.LogLoss, v.Precision, v.Recall, v.F1));
        }

        var r = monitor.FadingRegression!.Values();
        return Checked(new MetricValuesView(r.Count, Mae: r.Mae, Rmse: r.Rmse));
    }
}
