using Microsoft.ML;
using OrleansCt.Core.Events;
using OrleansCt.Training.Tests.Support;
using OrleansCt.Training.Trainers;

namespace OrleansCt.Training.Tests;

/// <summary>
/// An unseen category, a missing one (null) and an empty one all score as the all-zero one-hot encoding; the expectation
/// comes from ML.NET's own engine scoring a day that never occurred in training.
/// </summary>
public sealed class CategoryEncodingTests
{
    [Theory]
    [InlineData(TrainerKind.Lbfgs)]
    [InlineData(TrainerKind.LightGbm)]
    public void Unseen_null_and_empty_days_score_as_a_day_never_seen_in_training(TrainerKind kind)
    {
        var trained = ModelTrainer.Train(Datasets.Elec2Rows(0, 3_000), new TrainerSpec(kind));
        var next = Datasets.Elec2Batch(3_000, 200);
        var engine = new MLContext().Model.CreatePredictionEngine<Elec2Input, BinaryOutput>(trained.Model.Transformer);

        var unseen = trained.Model.Score(WithDay(next, "8"));
        var missing = trained.Model.Score(WithDay(next, null));
        var empty = trained.Model.Score(WithDay(next, ""));
        var seen = trained.Model.Score(next);

        for (var r = 0; r < next.Count; r++)
        {
            var input = Elec2Input.Of(next, r);
            input.Day = "a day never seen in training";
            var expected = (double)engine.Predict(input).Probability;
            Assert.Equal(expected, unseen.Row(r)[1]);
            Assert.Equal(expected, missing.Row(r)[1]);
            Assert.Equal(expected, empty.Row(r)[1]);
        }

        // The day does matter to the model, so the equalities above say something.
        Assert.Contains(Enumerable.Range(0, next.Count), r => seen.Row(r)[1] != unseen.Row(r)[1]);
    }

    private static EventBatch WithDay(EventBatch batch, string? day) =>
        batch with { Categorical = [[.. Enumerable.Repeat(day, batch.Count)]] };
}
