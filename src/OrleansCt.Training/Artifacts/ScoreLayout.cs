using Microsoft.ML;
using Microsoft.ML.Data;
using OrleansCt.Core.Schema;

namespace OrleansCt.Training.Artifacts;

/// <summary>
/// Where a model's predictions are read: Probability (binary), Score (regression) or the Score vector (multiclass) with
/// the schema's class of each slot, from the slots' names when the model has them, else the slots in class order.
/// </summary>
internal sealed record ScoreLayout(string Column, int[]? SlotClass)
{
    /// <summary>Checks the task's output columns in <paramref name="output"/>; throws an <see cref="ArtifactException"/> naming the column.</summary>
    public static ScoreLayout Of(ModelSchema schema, DataViewSchema output)
    {
        switch (schema.Task)
        {
            case ModelTask.Binary:
                Require(output, ContractColumns.Score, NumberDataViewType.Single, "a binary model");
                Require(output, ContractColumns.Probability, NumberDataViewType.Single, "a binary model (end it in a calibrated trainer, or append a calibrator)");
                Require(output, ContractColumns.PredictedLabel, BooleanDataViewType.Instance, "a binary model");
                return new ScoreLayout(ContractColumns.Probability, null);
            case ModelTask.Multiclass:
                var classes = schema.Definition.Classes.Count;
                var score = Require(output, ContractColumns.Score, new VectorDataViewType(NumberDataViewType.Single, classes), $"a multiclass model over {classes} classes");
                return new ScoreLayout(ContractColumns.Score, SlotClasses(schema, score));
            default:
                Require(output, ContractColumns.Score, NumberDataViewType.Single, "a regression model");
                return new ScoreLayout(ContractColumns.Score, null);
        }
    }

    private static DataViewSchema.Column Require(DataViewSchema output, string name, DataViewType type, string whose)
    {
        var column = output.GetColumnOrNull(name)
            ?? throw new ArtifactException(name, $"artifact: output column '{name}' is missing; {whose} must output {name} ({type}).");
        if (!column.Type.Equals(type))
        {
            throw new ArtifactException(name, $"artifact: output column '{name}' is {column.Type} but {whose} must output {type}.");
        }

        return column;
    }

    private static int[] SlotClasses(ModelSchema schema, DataViewSchema.Column score)
    {
        var classes = schema.Definition.Classes;
        if (!score.HasSlotNames())
        {
            return [.. Enumerable.Range(0, classes.Count)];
        }

        var names = default(VBuffer<ReadOnlyMemory<char>>);
        score.GetSlotNames(ref names);
        var slots = names.DenseValues().Select(n => n.ToString()).ToArray();
        if (slots.All(n => n.Length == 0))
        {
            return [.. Enumerable.Range(0, classes.Count)];
        }

        var map = slots.Select(n => schema.ClassIndex.TryGetValue(n, out var k) ? k : -1).ToArray();
        if (map.Contains(-1) || map.Distinct().Count() != classes.Count)
        {
            throw new ArtifactException(
                ContractColumns.Score,
                $"artifact: output column 'Score' names its slots [{string.Join(", ", slots)}], which are not the schema's classes [{string.Join(", ", classes)}].");
        }

        return map;
    }
}
