using OrleansCt.Training.Tests.Support;
using OrleansCt.Training.Trainers;

namespace OrleansCt.Training.Tests;

/// <summary>LoadedModel.Score called from many threads at once gives each batch what a lone call gives it.</summary>
public sealed class ConcurrentScoringTests
{
    [Theory]
    [InlineData(TrainerKind.LightGbm)]
    [InlineData(TrainerKind.Lbfgs)]
    public void Concurrent_calls_on_one_model_score_as_sequential_ones(TrainerKind kind)
    {
        var model = ModelTrainer.Train(Datasets.Elec2Rows(0, 2_000), new TrainerSpec(kind)).Model;
        var batches = Enumerable.Range(0, 40).Select(i => Datasets.Elec2Batch(2_000 + (i * 100), 100)).ToArray();
        var expected = batches.Select(b => model.Score(b).Scores).ToArray();
        var actual = new double[batches.Length][];

        Parallel.For(0, batches.Length * 5, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var scores = model.Score(batches[i % batches.Length]).Scores;
            Assert.Equal(expected[i % batches.Length], scores);
            actual[i % batches.Length] = scores;
        });

        Assert.All(actual, Assert.NotNull);
    }
}
