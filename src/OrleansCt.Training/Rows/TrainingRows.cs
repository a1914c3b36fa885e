using OrleansCt.Core.Events;
using OrleansCt.Core.Schema;

namespace OrleansCt.Training.Rows;

/// <summary>
/// The labelled rows a version is trained or validated on, in columns and in the order of the batches they came from (the
/// log's order), with a digest that depends on the rows alone and not on how they were batched.
/// </summary>
public sealed class TrainingRows
{
    private readonly Lazy<string> _digest;

    private TrainingRows(ModelSchema schema, string[] ids, double[] times, double[][] numeric, string?[][] categorical, double[] labels)
    {
        Schema = schema;
        Ids = Array.AsReadOnly(ids);
        Times = Array.AsReadOnly(times);
        NumericColumns = numeric;
        CategoricalColumns = categorical;
        LabelValues = labels;
        Numeric = [.. numeric.Select(Array.AsReadOnly)];
        Categorical = [.. categorical.Select(Array.AsReadOnly)];
        Labels = Array.AsReadOnly(labels);
        _digest = new Lazy<string>(() => RowsDigest.Of(this));
    }

    public ModelSchema Schema { get; }

    public IReadOnlyList<string> Ids { get; }

    public IReadOnlyList<double> Times { get; }

    /// <summary>[numeric feature][row], in the schema's order; NaN where a value is missing.</summary>
    public IReadOnlyList<IReadOnlyList<double>> Numeric { get; }

    /// <summary>[categorical feature][row]; null where a value is missing.</summary>
    public IReadOnlyList<IReadOnlyList<string?>> Categorical { get; }

    /// <summary>Class index (classification) or value (regression) per row; never NaN.</summary>
    public IReadOnlyList<double> Labels { get; }

    public int Count => Ids.Count;

    internal double[][] NumericColumns { get; }

    internal string?[][] CategoricalColumns { get; }

    internal double[] LabelValues { get; }

    /// <summary>
    /// SHA-256 (hex) of the canonical bytes of the rows as the trainer sees them: per row its id, the numeric values as float
    /// bits (one NaN), the categories (null apart from ""), the label as float bits — after a header of the task and the
    /// features' names and types. Event times are not part of it: they do not reach the model.
    /// </summary>
    public string Digest => _digest.Value;

    /// <summary>The labelled rows of <paramref name="batches"/>; rows without a label (NaN, or a batch without labels) are skipped.</summary>
    public static TrainingRows From(ModelSchema schema, IEnumerable<EventBatch> batches)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var taken = new List<(EventBatch Batch, int Row)>();
        var index = 0;
        foreach (var batch in batches)
        {
            CheckShape(schema, batch, index);
            for (var r = 0; r < batch.Count && batch.Labels is { } labels; r++)
            {
                if (!double.IsNaN(labels[r]))
                {
                    CheckLabel(schema, labels[r], index, r);
                    taken.Add((batch, r));
                }
            }

            index++;
        }

        return new TrainingRows(
            schema,
            [.. taken.Select(t => t.Batch.Ids[t.Row])],
            [.. taken.Select(t => t.Batch.Times[t.Row])],
            [.. Enumerable.Range(0, schema.Numeric.Count).Select(j => taken.Select(t => t.Batch.Numeric[j][t.Row]).ToArray())],
            [.. Enumerable.Range(0, schema.Categorical.Count).Select(j => taken.Select(t => t.Batch.Categorical[j][t.Row]).ToArray())],
            [.. taken.Select(t => t.Batch.Labels![t.Row])]);
    }

    public static TrainingRows From(ModelSchema schema, params EventBatch[] batches) => From(schema, (IEnumerable<EventBatch>)batches);

    /// <summary>Splits off the newest <paramref name="count"/> rows (the last ones in order) as a held-out set.</summary>
    public (TrainingRows Train, TrainingRows Holdout) SplitNewest(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Count);
        return (Slice(0, Count - count), Slice(Count - count, count));
    }

    /// <summary>Rows [start, start + length).</summary>
    public TrainingRows Slice(int start, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + length, Count);
        T[] Cut<T>(IReadOnlyList<T> values) => [.. values.Skip(start).Take(length)];
        return new TrainingRows(Schema, Cut(Ids), Cut(Times), [.. NumericColumns.Select(Cut)], [.. CategoricalColumns.Select(Cut)], Cut(LabelValues));
    }

    /// <summary>The rows at <paramref name="rows"/> (indices in increasing order), e.g. a sample of them.</summary>
    public TrainingRows Select(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        T[] Pick<T>(IReadOnlyList<T> values) => [.. rows.Select(r => values[r])];
        return new TrainingRows(Schema, Pick(Ids), Pick(Times), [.. NumericColumns.Select(Pick)], [.. CategoricalColumns.Select(Pick)], Pick(LabelValues));
    }

    /// <summary>The rows as an event batch with their labels, e.g. to score a held-out set.</summary>
    public EventBatch ToBatch() => new()
    {
        Ids = [.. Ids],
        Times = [.. Times],
        Numeric = [.. NumericColumns.Select(c => (double[])c.Clone())],
        Categorical = [.. CategoricalColumns.Select(c => (string?[])c.Clone())],
        Labels = (double[])LabelValues.Clone(),
    };

    private static void CheckShape(ModelSchema schema, EventBatch batch, int index)
    {
        if (batch.Numeric.Length != schema.Numeric.Count || batch.Categorical.Length != schema.Categorical.Count)
        {
            throw new ArgumentException(
                $"batches[{index}] has {batch.Numeric.Length} numeric and {batch.Categorical.Length} categorical columns but the schema has {schema.Numeric.Count} and {schema.Categorical.Count}.");
        }

        if (batch.Times.Length != batch.Count || batch.Labels is { } labels && labels.Length != batch.Count
            || batch.Numeric.Any(c => c.Length != batch.Count) || batch.Categorical.Any(c => c.Length != batch.Count))
        {
            throw new ArgumentException($"batches[{index}] has columns of different lengths; every column needs one value per id ({batch.Count}).");
        }
    }

    private static void CheckLabel(ModelSchema schema, double label, int index, int row)
    {
        var classes = schema.PredictionWidth;
        if (schema.IsClassification ? label < 0 || label >= classes || label != Math.Floor(label) : !double.IsFinite(label))
        {
            throw new ArgumentException(schema.IsClassification
                ? $"batches[{index}] row {row} has label {label}, which is not a class index in [0, {classes})."
                : $"batches[{index}] row {row} has label {label}, which is not a finite number.");
        }
    }
}
