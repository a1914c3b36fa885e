using OrleansCt.Core.Events;
using OrleansCt.Training.Tests.Support;
using OrleansCt.Training.Trainers;

namespace OrleansCt.Training.Tests;

/// <summary>
/// Missing numeric values (NaN). ML.NET's SDCA, L-BFGS, online and FastTree trainers skip a training row with a NaN feature
/// and score NaN (linear) or send it down one branch (FastTree), so the pipeline imputes the training mean for them;
/// LightGBM handles NaN natively and gets the value as it is.
/// </summary>
public sealed class MissingValueTests
{
    [Theory]
    [InlineData(TrainerKind.Sdca)]
    [InlineData(TrainerKind.FastTree)]
    public void A_blank_total_bedrooms_scores_as_the_training_mean_of_total_bedrooms(TrainerKind kind)
    {
        var rows = Datasets.HousingRows(0, 3_000);
        var trained = ModelTrainer.Train(rows, new TrainerSpec(kind));
        var known = rows.Numeric[4].Where(v => !double.IsNaN(v)).ToArray();
        Assert.True(known.Length < rows.Count, "the training slice has blank total_bedrooms");
        var mean = known.Average();
        var next = Datasets.HousingBatch(3_000, 200);
        var blank = WithBedrooms(next, double.NaN);
        var atMean = WithBedrooms(next, mean);

        var (fromBlank, fromMean) = (trained.Model.Score(blank).Scores, trained.Model.Score(atMean).Scores);

        for (var r = 0; r < next.Count; r++)
        {
            Assert.True(double.IsFinite(fromBlank[r]));
            Assert.Equal(fromMean[r], fromBlank[r], Math.Abs(fromMean[r]) * 1e-5);
        }
    }

    [Fact]
    public void LightGbm_trains_on_and_scores_blank_values_as_missing_not_as_a_number()
    {
        var trained = ModelTrainer.Train(Datasets.HousingRows(0, 3_000), new TrainerSpec(TrainerKind.LightGbm));
        var next = Datasets.HousingBatch(3_000, 200);

        var blank = trained.Model.Score(WithBedrooms(next, double.NaN)).Scores;

        Assert.All(blank, v => Assert.True(double.IsFinite(v)));
    }

    private static EventBatch WithBedrooms(EventBatch batch, double value)
    {
        var copy = Datasets.Slice(batch, 0, batch.Count);
        Array.Fill(copy.Numeric[4], value);
        return copy;
    }
}
