using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using OrleansCt.Core.Events;
using OrleansCt.Core.Schema;
using OrleansCt.Training.Views;

namespace OrleansCt.Training.Artifacts;

/// <summary>
/// A model zip that passed the infrastructure check, ready to score batches. <see cref="Score"/> may be called from several
/// threads at once: each call transforms its own data view, and ML.NET's transformers are immutable once fitted.
/// </summary>
public sealed class LoadedModel
{
    private readonly DataViewType? _labelType;
    private readonly ScoreLayout _layout;
    private readonly Lazy<ModelParts> _parts;

    internal LoadedModel(ModelSchema schema, ITransformer transformer, DataViewSchema inputSchema, DataViewType? labelType, ScoreLayout layout)
    {
        Schema = schema;
        Transformer = transformer;
        InputSchema = inputSchema;
        _labelType = labelType;
        _layout = layout;
        _parts = new Lazy<ModelParts>(() => ModelParts.Of(transformer));
    }

    public ModelSchema Schema { get; }

    /// <summary>The whole pipeline, featurisation included.</summary>
    public ITransformer Transformer { get; }

    /// <summary>The input schema saved with the model.</summary>
    public DataViewSchema InputSchema { get; }

    /// <summary>The predictor's parameters when they are linear (the uncalibrated ones of a calibrated model); else null.</summary>
    public LinearModelParameters? LinearParameters => _parts.Value.Parameters as LinearModelParameters;

    internal ModelParts Parts => _parts.Value;

    /// <summary>
    /// Scores a batch in columns through one Transform: per row, one probability per class in the schema's class order
    /// (binary: [1 − p, p] with p at the positive class), or one value (regression).
    /// </summary>
    public Predictions Score(EventBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var scored = Transformer.Transform(ContractViews.Scoring(Schema, batch, _labelType));
        var column = scored.Schema[_layout.Column];
        var width = Schema.PredictionWidth;
        var scores = new double[batch.Count * width];
        using var cursor = scored.GetRowCursor([column]);
        var rows = Schema.Task == ModelTask.Multiclass ? ReadVectors(cursor, column, scores, width) : ReadValues(cursor, column, scores);
        if (rows != batch.Count)
        {
            throw new InvalidOperationException($"the model gave {rows} predictions for a batch of {batch.Count} rows.");
        }

        return new Predictions(width, scores);
    }

    private int ReadValues(DataViewRowCursor cursor, DataViewSchema.Column column, double[] scores)
    {
        var getter = cursor.GetGetter<float>(column);
        var binary = Schema.Task == ModelTask.Binary;
        var positive = Schema.PositiveClassIndex;
        var row = 0;
        var value = 0f;
        while (cursor.MoveNext())
        {
            getter(ref value);
            if (binary)
            {
                scores[(2 * row) + positive] = value;
                scores[(2 * row) + 1 - positive] = 1.0 - value;
            }
            else
            {
                scores[row] = value;
            }

            row++;
        }

        return row;
    }

    private int ReadVectors(DataViewRowCursor cursor, DataViewSchema.Column column, double[] scores, int width)
    {
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        var slotClass = _layout.SlotClass!;
        var vector = default(VBuffer<float>);
        var row = 0;
        while (cursor.MoveNext())
        {
            getter(ref vector);
            var slot = 0;
            foreach (var value in vector.DenseValues())
            {
                scores[(row * width) + slotClass[slot++]] = value;
            }

            row++;
        }

        return row;
    }
}
