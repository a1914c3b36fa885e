using OrleansCt.Training.Tests.Support;
using OrleansCt.Training.Trainers;

namespace OrleansCt.Training.Tests;

/// <summary>
/// A warm start continues from the previous version's parameters, through its featurisation. The online trainers are
/// checked with a learning rate too small to move anything (1e-9): ML.NET's averaged trainers return (w₀ + w₁ + … + wₙ) / n
/// over n examples — the start is summed but not counted — so a warm start that cannot move ends at exactly w₀ · (n + 1) / n,
/// and a cold one at 0. L-BFGS minimises a strictly convex loss (L2 term), so warm and cold reach the same optimum.
/// </summary>
public sealed class WarmStartTests
{
    private static readonly Dictionary<string, double> Frozen = new() { ["learningRate"] = 1e-9, ["numberOfIterations"] = 1 };

    /// <summary>The default tolerance (1e-7 on the loss) leaves probabilities 5e-3 apart near the flat optimum.</summary>
    private static readonly Dictionary<string, double> Tight = new() { ["optimizationTolerance"] = 1e-12 };

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(1_000)]
    public void An_averaged_perceptron_that_cannot_move_ends_at_the_previous_weights_times_n_plus_1_over_n(int n)
    {
        var previous = ModelTrainer.Train(Datasets.Elec2Rows(0, 2_000), new TrainerSpec(TrainerKind.AveragedPerceptron));

        var warm = ModelTrainer.Train(Datasets.Elec2Rows(2_000, n), new TrainerSpec(TrainerKind.AveragedPerceptron, Frozen), previous.Model);

        Assert.True(warm.WarmStarted);
        var before = previous.Model.LinearParameters!;
        AssertClose([.. before.Weights.Select(w => w * (n + 1.0) / n)], warm.Model.LinearParameters!.Weights);
        Assert.Equal(before.Bias, warm.Model.LinearParameters.Bias);
    }

    [Fact]
    public void Online_gradient_descent_that_cannot_move_ends_at_the_previous_weights_warm_and_at_zero_cold()
    {
        var previous = ModelTrainer.Train(Datasets.HousingRows(0, 3_000), new TrainerSpec(TrainerKind.OnlineGradientDescent));
        var newer = Datasets.HousingRows(3_000, 1_000);

        var warm = ModelTrainer.Train(newer, new TrainerSpec(TrainerKind.OnlineGradientDescent, Frozen), previous.Model);
        var cold = ModelTrainer.Train(newer, new TrainerSpec(TrainerKind.OnlineGradientDescent, Frozen));

        var before = previous.Model.LinearParameters!.Weights;
        Assert.Contains(before, w => Math.Abs(w) > 1);
        AssertClose([.. before.Select(w => w * 1_001.0 / 1_000)], warm.Model.LinearParameters!.Weights);
        // Labels near 2e5 still move a cold start a little at 1e-9: less than 1e-5 of the previous weights' scale.
        var scale = before.Max(w => Math.Abs(w));
        Assert.All(cold.Model.LinearParameters!.Weights, w => Assert.True(Math.Abs(w) < 1e-5 * scale, $"cold weight {w}"));
    }

    [Fact]
    public void A_linear_svm_warm_started_on_one_row_keeps_the_previous_weights_up_to_one_step_of_shrinkage()
    {
        var previous = ModelTrainer.Train(Datasets.Elec2Rows(0, 2_000), new TrainerSpec(TrainerKind.LinearSvm));

        var warm = ModelTrainer.Train(Datasets.Elec2Rows(2_000, 1), new TrainerSpec(TrainerKind.LinearSvm), previous.Model);

        var (before, after) = (previous.Model.LinearParameters!.Weights, warm.Model.LinearParameters!.Weights);
        Assert.Contains(before, w => Math.Abs(w) > 1);
        Assert.All(Enumerable.Range(0, before.Count).Where(i => Math.Abs(before[i]) > 1e-3), i =>
            Assert.InRange(after[i] / before[i], 0.99f, 1f));
    }

    [Fact]
    public void Lbfgs_warm_started_from_its_optimum_on_the_same_rows_predicts_as_a_cold_start()
    {
        var rows = Datasets.Elec2Rows(0, 2_000);
        var cold = ModelTrainer.Train(rows, new TrainerSpec(TrainerKind.Lbfgs, Tight));

        var warm = ModelTrainer.Train(rows, new TrainerSpec(TrainerKind.Lbfgs, Tight), cold.Model);

        var next = Datasets.Elec2Batch(2_000, 300);
        var (a, b) = (cold.Model.Score(next).Scores, warm.Model.Score(next).Scores);
        var worst = Enumerable.Range(0, a.Length).Max(i => Math.Abs(a[i] - b[i]));
        Assert.True(worst < 1e-3, $"largest difference {worst}");
    }

    [Fact]
    public void Warm_start_from_a_tree_model_is_refused_naming_the_trainer()
    {
        var previous = ModelTrainer.Train(Datasets.Elec2Rows(0, 1_000), new TrainerSpec(TrainerKind.LightGbm));

        var error = Assert.Throws<TrainerSpecException>(() =>
            ModelTrainer.Train(Datasets.Elec2Rows(1_000, 500), new TrainerSpec(TrainerKind.AveragedPerceptron), previous.Model));

        Assert.Equal("trainer", error.Field);
        Assert.Contains("train this version from scratch", error.Message);
    }

    [Fact]
    public void Warm_start_with_a_trainer_that_has_none_is_refused_naming_the_trainer()
    {
        var previous = ModelTrainer.Train(Datasets.Elec2Rows(0, 1_000), new TrainerSpec(TrainerKind.Lbfgs));

        var error = Assert.Throws<TrainerSpecException>(() =>
            ModelTrainer.Train(Datasets.Elec2Rows(1_000, 500), new TrainerSpec(TrainerKind.Sdca), previous.Model));

        Assert.Equal("trainer", error.Field);
        Assert.StartsWith("trainer Sdca cannot warm-start a binary model", error.Message);
    }

    [Fact]
    public void Poisson_regression_does_not_warm_start_from_plain_linear_regression()
    {
        var previous = ModelTrainer.Train(Datasets.HousingRows(0, 1_000), new TrainerSpec(TrainerKind.OnlineGradientDescent));

        var error = Assert.Throws<TrainerSpecException>(() =>
            ModelTrainer.Train(Datasets.HousingRows(1_000, 500), new TrainerSpec(TrainerKind.Lbfgs), previous.Model));

        Assert.Equal("trainer", error.Field);
    }

    private static void AssertClose(IReadOnlyList<double> expected, IReadOnlyList<float> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        var scale = expected.Max(w => Math.Abs(w));
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5 * scale, $"weight {i}: previous {expected[i]}, now {actual[i]}");
        }
    }
}
