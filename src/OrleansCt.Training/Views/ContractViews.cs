using Microsoft.ML;
using Microsoft.ML.Data;
using OrleansCt.Core.Events;
using OrleansCt.Core.Schema;
using OrleansCt.Training.Rows;

namespace OrleansCt.Training.Views;

/// <summary>
/// The featurisation contract's input as data views: a Single column per numeric feature and a String column per
/// categorical one, named as the features, and for training the <see cref="ContractColumns.Label"/>.
/// </summary>
internal static class ContractViews
{
    /// <summary>The features and label of <paramref name="rows"/>.</summary>
    public static ColumnarDataView Training(TrainingRows rows) =>
        new([.. Features(rows.Schema, rows.NumericColumns, rows.CategoricalColumns), Label(rows.Schema, rows.LabelValues)], rows.Count);

    /// <summary>
    /// The features of <paramref name="batch"/>, under <paramref name="viewSchema"/> (from <see cref="Empty"/>) when given. A
    /// model whose input schema has a Label column (a pipeline that maps its label inside) gets one of
    /// <paramref name="labelType"/> holding a missing value, which no prediction reads.
    /// </summary>
    public static ColumnarDataView Scoring(ModelSchema schema, EventBatch batch, DataViewType? labelType, DataViewSchema? viewSchema = null)
    {
        CheckShape(schema, batch);
        var columns = Features(schema, batch.Numeric, batch.Categorical);
        return new ColumnarDataView(labelType is null ? columns : [.. columns, MissingLabel(labelType)], batch.Count, viewSchema);
    }

    /// <summary>The scoring schema without rows, to check a model against.</summary>
    public static ColumnarDataView Empty(ModelSchema schema, DataViewType? labelType) => Scoring(schema, new EventBatch
    {
        Ids = [],
        Times = [],
        Numeric = [.. schema.Numeric.Select(_ => Array.Empty<double>())],
        Categorical = [.. schema.Categorical.Select(_ => Array.Empty<string?>())],
    }, labelType);

    /// <summary>Whether a missing label of this type can be supplied (the types a label is mapped from).</summary>
    public static bool CanSupplyLabel(DataViewType type) =>
        type == BooleanDataViewType.Instance || type == NumberDataViewType.Single || type == TextDataViewType.Instance
        || type is KeyDataViewType { RawType: var raw } && raw == typeof(uint);

    private static List<ViewColumn> Features(ModelSchema schema, double[][] numeric, string?[][] categorical)
    {
        var columns = new List<ViewColumn>();
        for (var j = 0; j < schema.Numeric.Count; j++)
        {
            var values = numeric[j];
            columns.Add(ViewColumn.Of(schema.Numeric[j].Name, NumberDataViewType.Single, r => (float)values[r]));
        }

        for (var j = 0; j < schema.Categorical.Count; j++)
        {
            var values = categorical[j];
            // A missing category is empty text, which the one-hot encoding treats as missing: an all-zero encoding.
            columns.Add(ViewColumn.Of(schema.Categorical[j].Name, TextDataViewType.Instance, r => values[r] is { } text ? text.AsMemory() : ReadOnlyMemory<char>.Empty));
        }

        return columns;
    }

    private static ViewColumn Label(ModelSchema schema, double[] labels)
    {
        switch (schema.Task)
        {
            case ModelTask.Binary:
                var positive = schema.PositiveClassIndex;
                return ViewColumn.Of(ContractColumns.Label, BooleanDataViewType.Instance, r => (int)labels[r] == positive);
            case ModelTask.Multiclass:
                // Key k + 1 is class k, and the key's values are the class names: the trainer's Score slots come out in the
                // schema's class order, named by class.
                var classes = schema.Definition.Classes;
                var names = new VBuffer<ReadOnlyMemory<char>>(classes.Count, [.. classes.Select(c => c.AsMemory())]);
                var annotations = new DataViewSchema.Annotations.Builder();
                annotations.Add(
                    AnnotationKinds.KeyValues,
                    new VectorDataViewType(TextDataViewType.Instance, classes.Count),
                    (ref VBuffer<ReadOnlyMemory<char>> value) => names.CopyTo(ref value));
                return ViewColumn.Of(ContractColumns.Label, new KeyDataViewType(typeof(uint), classes.Count), r => (uint)labels[r] + 1, annotations.ToAnnotations());
            default:
                return ViewColumn.Of(ContractColumns.Label, NumberDataViewType.Single, r => (float)labels[r]);
        }
    }

    private static ViewColumn MissingLabel(DataViewType type) => type switch
    {
        BooleanDataViewType => ViewColumn.Of(ContractColumns.Label, type, _ => false),
        NumberDataViewType => ViewColumn.Of(ContractColumns.Label, type, _ => float.NaN),
        TextDataViewType => ViewColumn.Of(ContractColumns.Label, type, _ => ReadOnlyMemory<char>.Empty),
        _ => ViewColumn.Of(ContractColumns.Label, type, _ => 0u),
    };

    private static void CheckShape(ModelSchema schema, EventBatch batch)
    {
        if (batch.Numeric.Length != schema.Numeric.Count || batch.Categorical.Length != schema.Categorical.Count
            || batch.Numeric.Any(c => c.Length != batch.Count) || batch.Categorical.Any(c => c.Length != batch.Count))
        {
            throw new ArgumentException(
                $"batch has {batch.Numeric.Length} numeric and {batch.Categorical.Length} categorical columns (of {batch.Count} rows each expected) but the schema has {schema.Numeric.Count} and {schema.Categorical.Count}.",
                nameof(batch));
        }
    }
}
