using Microsoft.ML;
using Microsoft.ML.Data;
using OrleansCt.Training.Rows;
using OrleansCt.Training.Tests.Support;
using OrleansCt.Training.Trainers;

namespace OrleansCt.Training.Tests;

/// <summary>Multiclass probabilities come out in the schema's class order, whatever order the model's slots are in.</summary>
public sealed class MulticlassTests
{
    [Theory]
    [InlineData(TrainerKind.LightGbm)]
    [InlineData(TrainerKind.Sdca)]
    [InlineData(TrainerKind.Lbfgs)]
    public void The_obvious_class_gets_the_highest_probability_at_its_own_index(TrainerKind kind)
    {
        var trained = ModelTrainer.Train(TrainingRows.From(Synthetic.Schema, Synthetic.Batch(600, 1)), new TrainerSpec(kind));
        var test = Synthetic.Batch(90, 2);

        var predictions = trained.Model.Score(test);

        for (var r = 0; r < test.Count; r++)
        {
            Assert.Equal((int)test.Labels![r], predictions.ArgMax(r));
            Assert.Equal(1.0, predictions.Row(r).ToArray().Sum(), 5);
        }
    }

    [Fact]
    public void Probabilities_equal_the_engines_score_slots_mapped_by_their_slot_names()
    {
        var trained = ModelTrainer.Train(TrainingRows.From(Synthetic.Schema, Synthetic.Batch(600, 1)), new TrainerSpec(TrainerKind.Lbfgs));
        var test = Synthetic.Batch(30, 3);
        var ml = new MLContext();
        var engine = ml.Model.CreatePredictionEngine<SyntheticInput, MulticlassOutput>(trained.Model.Transformer);
        var slotNames = default(VBuffer<ReadOnlyMemory<char>>);
        engine.OutputSchema["Score"].GetSlotNames(ref slotNames);
        var slotClass = slotNames.DenseValues().Select(n => Array.IndexOf(Synthetic.Classes, n.ToString())).ToArray();

        var predictions = trained.Model.Score(test);

        Assert.Equal([0, 1, 2], slotClass.Order());
        for (var r = 0; r < test.Count; r++)
        {
            var score = engine.Predict(SyntheticInput.Of(test, r)).Score;
            for (var slot = 0; slot < score.Length; slot++)
            {
                Assert.Equal((double)score[slot], predictions.Row(r)[slotClass[slot]]);
            }
        }
    }
}
