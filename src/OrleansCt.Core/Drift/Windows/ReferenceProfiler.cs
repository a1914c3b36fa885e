using OrleansCt.Core.Drift.Statistics;
using OrleansCt.Core.Schema;
using OrleansCt.Core.Sketches;

namespace OrleansCt.Core.Drift.Windows;

/// <summary>Builds a <see cref="ReferenceProfile"/> from reference rows, exactly: bins from the values themselves, counts of every value.</summary>
public static class ReferenceProfiler
{
    /// <summary>Categories a categorical reference column keeps bins for when its schema lists none (the most frequent; the rest count as unseen).</summary>
    public const int MaxCategories = 64;

    /// <summary>Quantile sketch size of a reference column (finer than a bucket's: there is one reference).</summary>
    public const int SketchK = 200;

    /// <param name="numeric">[numeric feature][row], NaN missing.</param>
    /// <param name="categorical">[categorical feature][row], null missing.</param>
    /// <param name="scores">The served score per row (P(positive class), or the value of a regression), when known.</param>
    /// <param name="labels">The label per row (class index, or value), NaN where unknown; null when the reference has none.</param>
    public static ReferenceProfile FromColumns(ModelSchema schema, int revision, string source, double[][] numeric, string?[][] categorical, double[]? scores, double[]? labels)
    {
        var bins = schema.Definition.Monitoring.HistogramBins;
        var rows = numeric.Length > 0 ? numeric[0].Length : categorical.Length > 0 ? categorical[0].Length : scores?.Length ?? 0;
        var features = schema.Numeric.Select((f, i) => Numeric(f.Name, numeric[i], bins))
            .Concat(schema.Categorical.Select((f, i) => Categorical(f.Name, categorical[i], f.Categories)))
            .ToArray();
        var prediction = scores is null ? null : Numeric("prediction", scores, bins);
        ColumnReference? label = null;
        if (labels is not null && labels.Any(l => !double.IsNaN(l)))
        {
            label = schema.IsClassification
                ? Categorical("label", labels.Select(l => double.IsNaN(l) ? null : schema.Definition.Classes[(int)l]).ToArray(), schema.Definition.Classes)
                : Numeric("label", labels, bins);
        }

        var (all, chunks) = MultivariateReference.Moments(numeric);
        return new ReferenceProfile(revision, source, rows, features, prediction, label, MultivariateReference.Fit(all, chunks));
    }

    public static ColumnReference Numeric(string name, IReadOnlyList<double> values, int bins)
    {
        var histogram = ReferenceBins.Numeric(values, bins);
        var sketch = new NumericSketch(SketchK);
        foreach (var v in values)
        {
            histogram.Add(v);
            sketch.Add(v);
        }

        return new ColumnReference(name, false, histogram.ToState(), sketch.Quantiles.ToState(), values.Count, sketch.Missing,
            ReferenceBins.Distinct(values, DriftThresholds.MaxDistinctForDiscrete), sketch.Moments.Mean, sketch.Moments.Std);
    }

    public static ColumnReference Categorical(string name, IReadOnlyList<string?> values, IReadOnlyList<string>? declared)
    {
        var counts = values.Where(v => v is not null).GroupBy(v => v!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);
        var categories = declared ?? counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Take(MaxCategories).Select(c => c.Key).Order(StringComparer.Ordinal).ToList();
        var histogram = new CategoricalHistogram(categories);
        foreach (var v in values)
        {
            histogram.Add(v);
        }

        return new ColumnReference(name, true, histogram.ToState(), null, values.Count, histogram.Missing, counts.Count, double.NaN, double.NaN);
    }
}
