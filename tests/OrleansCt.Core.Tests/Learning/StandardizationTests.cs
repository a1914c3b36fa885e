using MathNet.Numerics.Statistics;
using OrleansCt.Core.Learning;
using OrleansCt.Core.Schema;

namespace OrleansCt.Core.Tests.Learning;

public sealed class StandardizationTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void Running_moments_equal_the_population_mean_and_variance()
    {
        // 2, 4, 4, 4, 5, 5, 7, 9: mean 40/8 = 5; squared deviations 9+1+1+1+0+0+4+16 = 32, population variance 4.
        double[] values = [2, 4, 4, 4, 5, 5, 7, 9];
        var learner = OnlineLearner.Create(Rows.Schema(ModelTask.Binary, new LearnerSpec(), numeric: ["a"]));
        foreach (var v in values)
        {
            learner.Learn(0, [v]);
        }

        var state = learner.ExportState();
        Assert.Equal(8, state.FeatureCounts[0]);
        Assert.Equal(5, state.FeatureMeans[0], Tolerance);
        Assert.Equal(32, state.FeatureM2[0], Tolerance);
        Assert.Equal(values.Mean(), state.FeatureMeans[0], Tolerance);
        Assert.Equal(values.PopulationVariance(), state.FeatureM2[0] / state.FeatureCounts[0], Tolerance);
    }

    [Fact]
    public void Running_moments_match_MathNet_on_a_long_stream_and_skip_missing_values()
    {
        var values = Enumerable.Range(0, 1000).Select(i => 1e6 + (Math.Sin(i * 0.37) * 250) + (i % 7)).ToArray();
        var learner = OnlineLearner.Create(Rows.Schema(ModelTask.Binary, new LearnerSpec(), numeric: ["a", "b"]));
        foreach (var v in values)
        {
            learner.Learn(1, [v, double.NaN]);
            learner.Learn(0, [double.NaN, double.PositiveInfinity]);
        }

        var state = learner.ExportState();
        Assert.Equal([1000L, 0L], state.FeatureCounts);
        Assert.Equal(values.Mean(), state.FeatureMeans[0], 1e-6);
        Assert.Equal(values.PopulationVariance(), state.FeatureM2[0] / 1000, 1e-6);
        Assert.Equal(0, state.FeatureM2[1]);
        Assert.Equal(2000, learner.Updates);
    }

    [Fact]
    public void Prediction_standardises_with_the_moments_before_the_row_and_treats_missing_as_the_mean()
    {
        // A state with weight 1 on "a" whose moments are those of 2, 4, 4, 4, 5, 5, 7, 9 (n 8, mean 5, M2 32, sd 2).
        var schema = Rows.Schema(ModelTask.Binary, new LearnerSpec(), numeric: ["a"]);
        var learner = OnlineLearner.Restore(schema, OnlineLearner.Create(schema).ExportState() with
        {
            Weights = [1.0],
            FeatureCounts = [8],
            FeatureMeans = [5.0],
            FeatureM2 = [32.0],
        });

        // x = 9 → z = (9 - 5) / 2 = 2; missing → z = 0 (the mean); x = 5 → z = 0.
        Assert.Equal(Rows.Sigmoid(2), learner.Predict(2, [9])[1], Tolerance);
        Assert.Equal(0.5, learner.Predict(2, [double.NaN])[1], Tolerance);
        Assert.Equal(0.5, learner.Predict(2, [5])[1], Tolerance);

        // Predicting does not learn: the same row gives the same answer twice.
        Assert.Equal(Rows.Sigmoid(2), learner.Predict(2, [9])[1], Tolerance);
    }

    [Fact]
    public void A_feature_without_spread_contributes_nothing()
    {
        // After two rows with a = 3, the variance is 0: a third row's a = 100 is standardised to 0, so the learner
        // steps as if the input were absent and its weight stays 0 (log loss, constant 0.1, no L2).
        var learner = OnlineLearner.Create(Rows.Schema(ModelTask.Binary, new LearnerSpec { Schedule = "constant", LearningRate = 0.1, L2 = 0 }, numeric: ["a"]));
        learner.Learn(1, [3]);
        learner.Learn(1, [3]);
        learner.Learn(1, [100]);
        Assert.Equal(0, learner.ExportState().Weights[0]);
    }

    [Fact]
    public void Regression_standardises_the_target_with_the_moments_including_the_row()
    {
        // Constant eta 0.1, no L2, one numeric input "a".
        var learner = OnlineLearner.Create(Rows.Schema(ModelTask.Regression, new LearnerSpec { Schedule = "constant", LearningRate = 0.1, L2 = 0 }, numeric: ["a"]));

        // Row 1, a = 1, y = 10: target moments (1, 10, 0) have no spread → z_y = 0 = margin: nothing moves.
        learner.Learn(10, [1]);
        Rows.AssertState(learner, [0], [0], Tolerance);
        Assert.Equal(10, learner.Predict(1, [1])[0], Tolerance);

        // Row 2, a = 3 (moments before it: one value, no spread → z_a = 0), y = 20: target moments n 2, mean 15, sd 5 → z_y = 1.
        // dloss = 0 - 1; rate = 0.1 / (1 + 0.1 (0 + 1)) = 1/11 → b = 1/11, w = 0.
        learner.Learn(20, [3]);
        Rows.AssertState(learner, [0], [1.0 / 11], Tolerance);

        // Prediction at a = 3: a's moments (1, 3) give mean 2, sd 1 → z = 1; margin 1/11 → y = 15 + 5/11.
        Assert.Equal(15 + (5.0 / 11), learner.Predict(1, [3])[0], Tolerance);

        // Row 3, a = 5 → z_a = (5 - 2) / 1 = 3, y = 30: target moments of 10, 20, 30: mean 20, sd sqrt(200/3) → z_y = 10 / sqrt(200/3).
        // margin = 1/11; dloss = 1/11 - z_y; rate = 0.1 / (1 + 0.1 (9 + 1)) = 0.05; w = -0.05 dloss * 3, b = 1/11 - 0.05 dloss.
        learner.Learn(30, [5]);
        var dloss = (1.0 / 11) - (10 / Math.Sqrt(200.0 / 3));
        Rows.AssertState(learner, [-0.05 * dloss * 3], [(1.0 / 11) - (0.05 * dloss)], Tolerance);
    }

    [Fact]
    public void Moments_of_a_stream_past_two_to_the_53_values_divide_by_its_exact_count()
    {
        // The vector step keeps counts as doubles, exact only below 2^53; a restored count of 2^53 + 1 must still divide by
        // n = 2^53 + 2. Mean 0, x = 2^53 + 2: delta / n = 1 exactly, so the mean becomes 1 (a count rounded to 2^53 would give
        // 1 + 2^-52); M2 = 0 + delta * (x - 1) = (2^53 + 2)(2^53 + 1), rounded once.
        var schema = Rows.Schema(ModelTask.Binary, new LearnerSpec { Standardize = false }, numeric: ["a"]);
        const long count = (1L << 53) + 1;
        const double x = 9007199254740994.0;
        var learner = OnlineLearner.Restore(schema, OnlineLearner.Create(schema).ExportState() with { FeatureCounts = [count] });

        learner.Learn(1, [x]);

        var state = learner.ExportState();
        Assert.Equal(count + 1, state.FeatureCounts[0]);
        Assert.Equal(1.0, state.FeatureMeans[0]);
        Assert.Equal(x * (x - 1), state.FeatureM2[0]);
    }
}
