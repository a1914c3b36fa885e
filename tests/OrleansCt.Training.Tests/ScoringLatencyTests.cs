using OrleansCt.Training.Tests.Support;
using OrleansCt.Training.Trainers;
using OrleansCt.Training.Validation;

namespace OrleansCt.Training.Tests;

/// <summary>The gate's latency probe times a sample batch and leaves the model as it was.</summary>
public sealed class ScoringLatencyTests
{
    [Fact]
    public void Measuring_a_sample_returns_a_positive_time_and_does_not_change_the_predictions()
    {
        var model = ModelTrainer.Train(Datasets.Elec2Rows(0, 1_000), new TrainerSpec(TrainerKind.LightGbm)).Model;
        var sample = Datasets.Elec2Batch(1_000, 500);
        var before = model.Score(sample).Scores;

        var elapsed = ScoringLatency.Measure(model, sample);

        Assert.True(elapsed > TimeSpan.Zero && elapsed < TimeSpan.FromSeconds(10), $"{elapsed}");
        Assert.Equal(before, model.Score(sample).Scores);
    }
}
