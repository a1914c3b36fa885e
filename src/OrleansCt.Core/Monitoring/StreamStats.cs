using OrleansCt.Core.Buckets;
using OrleansCt.Core.Events;
using OrleansCt.Core.Metrics;
using OrleansCt.Core.Schema;
using OrleansCt.Core.Sketches;

namespace OrleansCt.Core.Monitoring;

/// <summary>
/// What one bucket (or the whole stream, or the reference) knows: a sketch per feature, of the predictions and of
/// the labels, the reference-binned histograms once the reference is fixed, and the prequential metrics of the
/// labels that joined its events. Everything merges, so a window is a merge of buckets.
/// </summary>
public sealed class StreamStats : IBucketState<StreamStats>
{
    public required NumericSketch[] Numeric { get; init; }

    public required CategoricalSketch[] Categorical { get; init; }

    /// <summary>P(positive class) for classification, the value for regression.</summary>
    public required NumericSketch Scores { get; init; }

    /// <summary>The predicted class (classification).</summary>
    public CategoricalSketch? PredictedClasses { get; init; }

    /// <summary>The true class of joined labels (classification).</summary>
    public CategoricalSketch? LabelClasses { get; init; }

    /// <summary>The true value of joined labels (regression).</summary>
    public NumericSketch? LabelValues { get; init; }

    public ClassificationMetrics? Classification { get; init; }

    public RegressionMetrics? Regression { get; init; }

    /// <summary>Per feature (numeric, then categorical), binned on the reference; null until the reference is fixed.</summary>
    public FixedHistogram[]? Histograms { get; set; }

    /// <summary>The served scores binned on the reference's prediction bins; null until the reference is fixed.</summary>
    public FixedHistogram? PredictionHistogram { get; set; }

    /// <summary>The joined labels binned on the reference's label bins; null until the reference is fixed or when it has no labels.</summary>
    public FixedHistogram? LabelHistogram { get; set; }

    /// <summary>Per feature, the rows the model learned from (joined to a label), on the same bins as <see cref="Histograms"/>.</summary>
    public FixedHistogram[]? Trained { get; set; }

    /// <summary>Per feature, values accepted outside the schema's range (numeric) or listed categories (categorical); buckets only.</summary>
    public long[]? Violations { get; set; }

    /// <summary>Co-moments of the first numeric features (the multivariate check); buckets and the reference only.</summary>
    public Drift.Multivariate.CoMoments? Joint { get; set; }

    /// <summary>Unknown features seen in the bucket's events, by name (validation.onSchemaChange = "count"); buckets only.</summary>
    public Dictionary<string, long>? NewFeatures { get; set; }

    /// <summary>The feature sketches and then the scores' sketch, in the order the monitor's multi-column add takes them.</summary>
    internal NumericSketch[] ColumnSketches => _columnSketches ??= [.. Numeric, Scores];

    private NumericSketch[]? _columnSketches;

    /// <summary>Gives the stats empty histograms on these bins (features, prediction, label), replacing any on older bins.</summary>
    public void Bin(ReferenceBinning bins)
    {
        Histograms = bins.Features.Select(h => h.EmptyCopy()).ToArray();
        Trained = bins.Features.Select(h => h.EmptyCopy()).ToArray();
        PredictionHistogram = bins.Prediction?.EmptyCopy();
        LabelHistogram = bins.Label?.EmptyCopy();
    }

    /// <summary>
    /// Rows [<paramref name="start"/>, <paramref name="end"/>) into these stats: the numeric columns and the scores (the last of
    /// <paramref name="columns"/>) with the multi-column add, the histograms a column at a time, the served classes from their tally,
    /// categorical values row by row. Without <paramref name="numeric"/> the numeric sketches (features and scores) are left out: the whole
    /// stream's take a bucket's when it closes.
    /// </summary>
    internal void AddEvents(EventBatch batch, double[][] columns, ClassTally? served, IReadOnlyList<string> classes, int start, int end, bool numeric = true)
    {
        var length = end - start;
        if (numeric)
        {
            NumericSketch.Add(ColumnSketches, columns, start, length);
        }

        var histograms = Histograms;
        if (histograms is not null)
        {
            for (var f = 0; f < batch.Numeric.Length; f++)
            {
                ((NumericHistogram)histograms[f]).Add(batch.Numeric[f].AsSpan(start, length));
            }
        }

        for (var f = 0; f < batch.Categorical.Length; f++)
        {
            var column = batch.Categorical[f];
            var sketch = Categorical[f];
            var histogram = (CategoricalHistogram?)histograms?[batch.Numeric.Length + f];
            for (var row = start; row < end; row++)
            {
                sketch.Add(column[row]);
                histogram?.Add(column[row]);
            }
        }

        ((NumericHistogram?)PredictionHistogram)?.Add(columns[^1].AsSpan(start, length));
        served?.AddTo(PredictedClasses!, classes);
    }

    /// <summary>Rows [<paramref name="start"/>, <paramref name="end"/>) into the trained-feature histograms, a column at a time.</summary>
    public void AddTrained(EventBatch events, int start, int end)
    {
        if (Trained is not { } trained)
        {
            return;
        }

        var numeric = events.Numeric.Length;
        for (var f = 0; f < numeric; f++)
        {
            ((NumericHistogram)trained[f]).Add(events.Numeric[f].AsSpan(start, end - start));
        }

        for (var f = 0; f < events.Categorical.Length; f++)
        {
            var column = events.Categorical[f];
            var histogram = (CategoricalHistogram)trained[numeric + f];
            for (var row = start; row < end; row++)
            {
                histogram.Add(column[row]);
            }
        }
    }

    /// <summary>Row <paramref name="row"/> into the trained-feature histograms.</summary>
    public void AddTrained(EventBatch events, int row)
    {
        if (Trained is not { } trained)
        {
            return;
        }

        var numeric = events.Numeric.Length;
        for (var f = 0; f < numeric; f++)
        {
            ((NumericHistogram)trained[f]).Add(events.Numeric[f][row]);
        }

        for (var f = 0; f < events.Categorical.Length; f++)
        {
            ((CategoricalHistogram)trained[numeric + f]).Add(events.Categorical[f][row]);
        }
    }

    /// <summary>
    /// Empty stats with the model's sketch sizes; <paramref name="scale"/> multiplies them (the whole stream keeps
    /// finer sketches than one bucket, since there is only one of it).
    /// </summary>
    public static StreamStats Create(ModelSchema schema, ReferenceBinning? bins = null, int scale = 1)
    {
        var m = schema.Definition.Monitoring with { QuantileK = schema.Definition.Monitoring.QuantileK * scale, CategoryCap = schema.Definition.Monitoring.CategoryCap * scale };
        var classes = schema.Definition.Classes.Count;
        var stats = new StreamStats
        {
            Numeric = schema.Numeric.Select(_ => new NumericSketch(m.QuantileK)).ToArray(),
            Categorical = schema.Categorical.Select(_ => new CategoricalSketch(m.CategoryCap)).ToArray(),
            Scores = new NumericSketch(m.QuantileK),
            PredictedClasses = schema.IsClassification ? new CategoricalSketch(m.CategoryCap) : null,
            LabelClasses = schema.IsClassification ? new CategoricalSketch(m.CategoryCap) : null,
            LabelValues = schema.IsClassification ? null : new NumericSketch(m.QuantileK),
            Classification = schema.IsClassification ? new ClassificationMetrics(classes, schema.PositiveClassIndex, m.AucBins) : null,
            Regression = schema.IsClassification ? null : new RegressionMetrics(),
            Violations = scale == 1 ? new long[schema.Numeric.Count + schema.Categorical.Count] : null,
            Joint = scale == 1 && Drift.Windows.MultivariateReference.Dimensions(schema.Numeric.Count) is > 0 and var d ? new Drift.Multivariate.CoMoments(d) : null,
        };
        if (bins is not null)
        {
            stats.Bin(bins);
        }

        return stats;
    }

    public void Merge(StreamStats other)
    {
        for (var i = 0; i < Numeric.Length; i++)
        {
            Numeric[i].Merge(other.Numeric[i]);
        }

        for (var i = 0; i < Categorical.Length; i++)
        {
            Categorical[i].Merge(other.Categorical[i]);
        }

        Scores.Merge(other.Scores);
        PredictedClasses?.Merge(other.PredictedClasses!);
        LabelClasses?.Merge(other.LabelClasses!);
        LabelValues?.Merge(other.LabelValues!);
        Classification?.Merge(other.Classification!);
        Regression?.Merge(other.Regression!);
        Histograms = MergeAll(Histograms, other.Histograms);
        Trained = MergeAll(Trained, other.Trained);
        PredictionHistogram = MergeAll(PredictionHistogram is null ? null : [PredictionHistogram], other.PredictionHistogram is null ? null : [other.PredictionHistogram])?[0];
        LabelHistogram = MergeAll(LabelHistogram is null ? null : [LabelHistogram], other.LabelHistogram is null ? null : [other.LabelHistogram])?[0];
        if (other.Joint is { } joint)
        {
            Joint ??= new Drift.Multivariate.CoMoments(joint.Dimensions);
            Joint.Merge(joint);
        }

        foreach (var (name, count) in other.NewFeatures ?? [])
        {
            NewFeatures ??= new Dictionary<string, long>(StringComparer.Ordinal);
            NewFeatures[name] = NewFeatures.GetValueOrDefault(name) + count;
        }

        if (other.Violations is { } violations)
        {
            Violations ??= new long[violations.Length];
            for (var i = 0; i < violations.Length; i++)
            {
                Violations[i] += violations[i];
            }
        }
    }

    /// <summary>
    /// Merges what the whole stream takes from a bucket when it closes — the numeric sketches (features, scores, label values; the
    /// bucket's may be coarser) and the metrics — into these.
    /// </summary>
    public void Fold(StreamStats other)
    {
        for (var i = 0; i < Numeric.Length; i++)
        {
            Numeric[i].Merge(other.Numeric[i]);
        }

        Scores.Merge(other.Scores);
        LabelValues?.Merge(other.LabelValues!);
        Classification?.Merge(other.Classification!);
        Regression?.Merge(other.Regression!);
    }

    /// <summary>These stats with copies of what <see cref="Fold"/> merges, into which <paramref name="others"/> are folded; everything else is shared, for reading.</summary>
    public StreamStats WithFolded(IEnumerable<StreamStats> others)
    {
        var copy = new StreamStats
        {
            Numeric = Numeric.Select(s => NumericSketch.FromState(s.ToState())).ToArray(),
            Categorical = Categorical,
            Scores = NumericSketch.FromState(Scores.ToState()),
            PredictedClasses = PredictedClasses,
            LabelClasses = LabelClasses,
            LabelValues = LabelValues is null ? null : NumericSketch.FromState(LabelValues.ToState()),
            Classification = Classification is null ? null : ClassificationMetrics.FromState(Classification.ToState()),
            Regression = Regression is null ? null : RegressionMetrics.FromState(Regression.ToState()),
            Histograms = Histograms,
            PredictionHistogram = PredictionHistogram,
            LabelHistogram = LabelHistogram,
            Trained = Trained,
            Violations = Violations,
            Joint = Joint,
            NewFeatures = NewFeatures,
        };
        foreach (var other in others)
        {
            copy.Fold(other);
        }

        return copy;
    }

    private static FixedHistogram[]? MergeAll(FixedHistogram[]? mine, FixedHistogram[]? theirs)
    {
        if (theirs is null)
        {
            return mine;
        }

        mine ??= theirs.Select(h => h.EmptyCopy()).ToArray();
        for (var i = 0; i < mine.Length; i++)
        {
            mine[i].Merge(theirs[i]);
        }

        return mine;
    }
}
