using OrleansCt.Training.Tests.Support;
using OrleansCt.Training.Trainers;

namespace OrleansCt.Training.Tests;

/// <summary>LightGBM's native library loads and learns here (it needs libgomp1): the package-version decision's evidence.</summary>
public sealed class LightGbmSmokeTests
{
    [Fact]
    public void LightGbm_trained_on_6000_elec2_rows_beats_the_majority_class_on_the_next_1000()
    {
        var trained = ModelTrainer.Train(Datasets.Elec2Rows(0, 6_000), new TrainerSpec(TrainerKind.LightGbm));
        var next = Datasets.Elec2Batch(6_000, 1_000);

        var predictions = trained.Model.Score(next);

        var labels = next.Labels!;
        var correct = Enumerable.Range(0, next.Count).Count(r => predictions.ArgMax(r) == (int)labels[r]);
        // The baseline: always answer the class most frequent among the 1,000 rows themselves (the best constant answer).
        var ups = labels.Count(l => l == 1);
        var baseline = Math.Max(ups, next.Count - ups);
        Assert.True(correct > baseline, $"LightGBM got {correct} of 1,000 right; always answering the majority class gets {baseline}.");
    }
}
