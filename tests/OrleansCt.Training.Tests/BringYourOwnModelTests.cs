using Microsoft.ML;
using Microsoft.ML.Data;
using OrleansCt.Training.Artifacts;
using OrleansCt.Training.Tests.Support;

namespace OrleansCt.Training.Tests;

/// <summary>
/// A zip trained elsewhere — a POCO pipeline in plain ML.NET that follows the contract — loads and scores as ML.NET's own
/// prediction engine scores with the pipeline it was trained as (the in-memory model, not our loaded copy).
/// </summary>
public sealed class BringYourOwnModelTests
{
    private readonly MLContext _ml = new(7);

    [Fact]
    public void A_binary_elec2_pipeline_built_with_poco_rows_loads_and_scores_as_its_engine()
    {
        var train = Datasets.Elec2Batch(0, 4_000);
        var data = _ml.Data.LoadFromEnumerable(Enumerable.Range(0, train.Count).Select(r => Elec2Input.Of(train, r)));
        var pipeline = _ml.Transforms.Categorical.OneHotEncoding("day")
            .Append(_ml.Transforms.Concatenate("Features", "date", "period", "nswprice", "nswdemand", "vicprice", "vicdemand", "transfer", "day"))
            .Append(_ml.BinaryClassification.Trainers.FastTree(numberOfTrees: 20));
        var model = pipeline.Fit(data);
        var engine = _ml.Model.CreatePredictionEngine<Elec2Input, BinaryOutput>(model);
        var next = Datasets.Elec2Batch(4_000, 300);

        var predictions = ModelArtifact.Load(Save(model, data.Schema), Datasets.Elec2Schema).Score(next);

        for (var r = 0; r < next.Count; r++)
        {
            Assert.Equal((double)engine.Predict(Elec2Input.Of(next, r)).Probability, predictions.Row(r)[1]);
        }
    }

    [Fact]
    public void A_multiclass_pipeline_that_maps_a_text_label_inside_scores_in_the_schemas_class_order()
    {
        // MapValueToKey numbers the classes as they first appear (a, b, c), not in the schema's order (c, a, b).
        var train = Synthetic.Batch(300, 1);
        var data = _ml.Data.LoadFromEnumerable(Enumerable.Range(0, train.Count).Select(r => SyntheticInput.Of(train, r)));
        var pipeline = _ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(_ml.Transforms.Categorical.OneHotEncoding("colour"))
            .Append(_ml.Transforms.Concatenate("Features", "x", "noise", "colour"))
            .Append(_ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy())
            .Append(_ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        var model = pipeline.Fit(data);
        var engine = _ml.Model.CreatePredictionEngine<SyntheticInput, MulticlassOutput>(model);
        var slotNames = default(VBuffer<ReadOnlyMemory<char>>);
        engine.OutputSchema["Score"].GetSlotNames(ref slotNames);
        var slotClass = slotNames.DenseValues().Select(n => Array.IndexOf(Synthetic.Classes, n.ToString())).ToArray();
        var test = Synthetic.Batch(30, 4);

        var predictions = ModelArtifact.Load(Save(model, data.Schema), Synthetic.Schema).Score(test);

        Assert.Equal([1, 2, 0], slotClass);
        for (var r = 0; r < test.Count; r++)
        {
            var score = engine.Predict(SyntheticInput.Of(test, r)).Score;
            for (var slot = 0; slot < score.Length; slot++)
            {
                Assert.Equal((double)score[slot], predictions.Row(r)[slotClass[slot]]);
            }

            Assert.Equal((int)test.Labels![r], predictions.ArgMax(r));
        }
    }

    private byte[] Save(ITransformer model, DataViewSchema schema)
    {
        using var stream = new MemoryStream();
        _ml.Model.Save(model, schema, stream);
        return stream.ToArray();
    }
}
