using OrleansCt.Core.Drift.Statistics;
using OrleansCt.Core.Drift.Windows;
using OrleansCt.Core.Schema;
using OrleansCt.Core.Sketches;

namespace OrleansCt.Core.Monitoring;

/// <summary>
/// The reference a model gathers by itself from its first events, when none was set: only their sketches are kept, so
/// bins come from the quantile sketches and each bin's count from the sketch's ranks at its edges (within the sketch's
/// rank error; categorical counts are exact up to the category cap).
/// </summary>
public static class AutomaticReference
{
    public static ReferenceProfile Profile(ModelSchema schema, StreamStats reference, long rows, IReadOnlyList<Drift.Multivariate.CoMoments>? chunks = null)
    {
        var bins = schema.Definition.Monitoring.HistogramBins;
        var features = reference.Numeric.Select((s, i) => Numeric(schema.Numeric[i].Name, s, bins, rows))
            .Concat(reference.Categorical.Select((s, i) => Categorical(schema.Categorical[i].Name, s, schema.Categorical[i].Categories, rows)))
            .ToArray();
        var prediction = Numeric("prediction", reference.Scores, bins, rows);
        ColumnReference? label = null;
        if (reference.LabelClasses is { Count: > 0 } classes)
        {
            label = Categorical("label", classes, schema.Definition.Classes, classes.Count + classes.Missing);
        }
        else if (reference.LabelValues is { Count: > 0 } values)
        {
            label = Numeric("label", values, bins, values.Count + values.Missing);
        }

        MultivariateReference? multivariate = null;
        if (chunks is { Count: > 0 })
        {
            var all = new Drift.Multivariate.CoMoments(chunks[0].Dimensions);
            foreach (var chunk in chunks)
            {
                all.Merge(chunk);
            }

            multivariate = MultivariateReference.Fit(all, chunks);
        }

        return new ReferenceProfile(1, "automatic", rows, features, prediction, label, multivariate);
    }

    private static ColumnReference Numeric(string name, NumericSketch sketch, int bins, long rows)
    {
        var histogram = ReferenceBins.Numeric(sketch.Quantiles, bins);
        var counts = new long[histogram.Counts.Count];
        var edges = histogram.Edges;
        long below = 0;
        for (var i = 0; i < edges.Count; i++)
        {
            // Values strictly below the edge: the rank just under it.
            var cumulative = sketch.Count == 0 ? 0 : (long)Math.Round(sketch.Count * sketch.Quantiles.Rank(Math.BitDecrement(edges[i])));
            counts[i] = cumulative - below;
            below = cumulative;
        }

        counts[^1] = sketch.Count - below;
        var state = histogram.ToState() with { Counts = counts, Missing = sketch.Missing };
        var distinct = Math.Min(sketch.Quantiles.ToState().Items.Distinct().LongCount(), DriftThresholds.MaxDistinctForDiscrete + 1);
        return new ColumnReference(name, false, state, sketch.Quantiles.ToState(), rows, sketch.Missing, distinct, sketch.Moments.Mean, sketch.Moments.Std);
    }

    private static ColumnReference Categorical(string name, CategoricalSketch sketch, IReadOnlyList<string>? declared, long rows)
    {
        var top = sketch.Top(int.MaxValue);
        var categories = declared ?? top.Select(c => c.Name).Order(StringComparer.Ordinal).ToList();
        var counts = new long[categories.Count + 1];
        for (var i = 0; i < categories.Count; i++)
        {
            counts[i] = sketch.CountOf(categories[i]);
        }

        counts[^1] = sketch.Count - counts[..^1].Sum();
        var state = new CategoricalHistogram(categories).ToState() with { Counts = counts, Missing = sketch.Missing };
        return new ColumnReference(name, true, state, null, rows, sketch.Missing, sketch.Distinct + (sketch.Other > 0 ? 1 : 0), double.NaN, double.NaN);
    }
}
