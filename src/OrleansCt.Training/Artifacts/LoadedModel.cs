using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using OrleansCt.Core.Events;
using OrleansCt.Core.Schema;
using OrleansCt.Training.Views;

namespace OrleansCt.Training.Artifacts;

/// <summary>
/// A model zip that passed the infrastructure check, ready to score batches. <see cref="Score"/> may be called from several
/// threads at once: each call makes its own view, cursor and getters; the fitted transformers and the bound mapper are
/// not changed by scoring (ConcurrentScoringTests).
/// </summary>
public sealed class LoadedModel
{
    private readonly ScoringBinding _binding;
    private readonly ScoreLayout _layout;
    private readonly Lazy<ModelParts> _parts;

    internal LoadedModel(ModelSchema schema, ITransformer transformer, DataViewSchema inputSchema, ScoringBinding binding, ScoreLayout layout)
    {
        Schema = schema;
        Transformer = transformer;
        InputSchema = inputSchema;
        _binding = binding;
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

    /// <summary>This model scored through Transform, as a pipeline that is not row-to-row is (tests compare the two paths).</summary>
    internal LoadedModel ThroughTransform() => new(Schema, Transformer, InputSchema, _binding with { Mapper = null }, _layout);

    /// <summary>
    /// Scores a batch in columns — one cursor over the batch's arrays, through the bound pipeline — giving per row one
    /// probability per class in the schema's class order (binary: [1 − p, p] with p at the positive class), or one value.
    /// </summary>
    public Predictions Score(EventBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var view = ContractViews.Scoring(Schema, batch, _binding.LabelType, _binding.ViewSchema);
        var width = Schema.PredictionWidth;
        var scores = new double[batch.Count * width];
        DataViewRowCursor cursor;
        DataViewRow output;
        if (_binding.Mapper is { } mapper)
        {
            cursor = view.GetRowCursor(view.Schema);
            output = mapper.GetRow(cursor, [mapper.OutputSchema[_layout.Column]]);
        }
        else
        {
            var scored = Transformer.Transform(view);
            cursor = scored.GetRowCursor([scored.Schema[_layout.Column]]);
            output = cursor;
        }

        using var disposeCursor = cursor;
        using var disposeOutput = output;
        var column = output.Schema[_layout.Column];
        var rows = Schema.Task == ModelTask.Multiclass ? ReadVectors(cursor, output, column, scores, width) : ReadValues(cursor, output, column, scores);
        if (rows != batch.Count)
        {
            throw new InvalidOperationException($"the model gave {rows} predictions for a batch of {batch.Count} rows.");
        }

        return new Predictions(width, scores);
    }

    /// <summary>Moves <paramref name="cursor"/> over the batch and reads <paramref name="column"/> of <paramref name="output"/>, which follows it.</summary>
    private int ReadValues(DataViewRowCursor cursor, DataViewRow output, DataViewSchema.Column column, double[] scores)
    {
        var getter = output.GetGetter<float>(column);
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

    private int ReadVectors(DataViewRowCursor cursor, DataViewRow output, DataViewSchema.Column column, double[] scores, int width)
    {
        var getter = output.GetGetter<VBuffer<float>>(column);
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
