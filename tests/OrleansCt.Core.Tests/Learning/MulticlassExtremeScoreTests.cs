using OrleansCt.Core.Learning;
using OrleansCt.Core.Schema;

namespace OrleansCt.Core.Tests.Learning;

/// <summary>
/// Multiclass scores when a margin leaves the doubles: raw inputs of ±1e308 met by weights of 10 make margins of ±∞ (10·1e308 overflows)
/// or NaN (+∞ + −∞), and the probabilities stay finite and sum to 1. Every expectation is worked by hand from the margins.
/// </summary>
public sealed class MulticlassExtremeScoreTests
{
    /// <summary>Three classes over raw features a and b: class k's weights for (a, b) are weights[2k], weights[2k + 1].</summary>
    private static OnlineLearner Learner(string loss, double[] weights, double[]? intercepts = null)
    {
        var schema = Rows.Schema(ModelTask.Multiclass, new LearnerSpec { Loss = loss, Standardize = false }, numeric: ["a", "b"]);
        return OnlineLearner.Restore(schema, OnlineLearner.Create(schema).ExportState() with { Weights = weights, Intercepts = intercepts ?? [0, 0, 0] });
    }

    private static double[] Scores(OnlineLearner learner, double a, double b)
    {
        var one = learner.Predict(3, [a, b]);
        // The whole-batch path builds its margins column by column: it must give the very same bits.
        Assert.Equal(one, learner.PredictAll(Rows.Of(a, b)).Scores);
        return one;
    }

    [Fact]
    public void Softmax_gives_the_classes_whose_margin_is_plus_infinity_equal_shares()
    {
        // Margins 10·1e308 = +∞, +∞, −10·1e308 = −∞: the two classes at +∞ share 1; the third gets 0.
        var learner = Learner("log", [10, 0, 10, 0, -10, 0]);

        Assert.Equal([0.5, 0.5, 0.0], Scores(learner, 1e308, 0));
    }

    [Fact]
    public void Softmax_with_one_class_at_plus_infinity_gives_it_everything()
    {
        // Margins +∞, 3 (the intercept), −∞.
        var learner = Learner("log", [10, 0, 0, 0, -10, 0], [0, 3, 0]);

        Assert.Equal([1.0, 0.0, 0.0], Scores(learner, 1e308, 0));
    }

    [Fact]
    public void Softmax_with_a_NaN_margin_is_undecided_between_every_class()
    {
        // Class 0: 10·1e308 + 10·(−1e308) = +∞ + −∞ = NaN; the others are finite (2 and −2). The order of the classes is unknown: 1/3 each.
        var learner = Learner("log", [10, 10, 0, 0, 0, 0], [0, 2, -2]);

        Assert.Equal([1.0 / 3, 1.0 / 3, 1.0 / 3], Scores(learner, 1e308, -1e308));
    }

    [Fact]
    public void Softmax_with_every_margin_minus_infinity_is_a_tie()
    {
        var learner = Learner("log", [-10, 0, -10, 0, -10, 0]);

        Assert.Equal([1.0 / 3, 1.0 / 3, 1.0 / 3], Scores(learner, 1e308, 0));
    }

    [Fact]
    public void Softmax_with_finite_and_minus_infinite_margins_is_the_softmax_of_the_finite_ones()
    {
        // Margins 0, 1, −∞: e^0 / (e^0 + e^1) and e^1 / (e^0 + e^1), worked with the shift by the largest margin (1), as the learner does.
        var learner = Learner("log", [0, 0, 0, 0, -10, 0], [0, 1, 0]);
        var sum = Math.Exp(-1) + 1;

        var p = Scores(learner, 1e308, 0);

        Assert.Equal(Math.Exp(-1) / sum, p[0], 15);
        Assert.Equal(1 / sum, p[1], 15);
        Assert.Equal(0.0, p[2]);
    }

    [Fact]
    public void Finite_margins_keep_the_plain_softmax()
    {
        // Margins 0, 1, −1 at x = 0: e^(m − 1) / Σ, Σ = e^−1 + 1 + e^−2.
        var learner = Learner("log", [5, 5, 5, 5, 5, 5], [0, 1, -1]);
        var sum = Math.Exp(-1) + 1 + Math.Exp(-2);

        var p = Scores(learner, 0, 0);

        Assert.Equal(Math.Exp(-1) / sum, p[0], 15);
        Assert.Equal(1 / sum, p[1], 15);
        Assert.Equal(Math.Exp(-2) / sum, p[2], 15);
    }

    [Fact]
    public void One_vs_rest_takes_a_NaN_margin_as_undecided_as_binary_does()
    {
        // Margins NaN (→ 0, sigmoid 1/2), 0 (sigmoid 1/2) and +∞ (sigmoid 1): normalised by their sum 2, 1/4, 1/4 and 1/2.
        var learner = Learner("hinge", [10, 10, 0, 0, 10, 0]);

        Assert.Equal([0.25, 0.25, 0.5], Scores(learner, 1e308, -1e308));
    }

    [Fact]
    public void One_vs_rest_sigmoids_that_all_underflow_become_the_softmax_of_the_margins()
    {
        // Margins −1000, −1001, −1003: each sigmoid is below the smallest double (e^−745), so their sum is 0 and the plain normalisation
        // would be 0/0. σ(m) = e^m there, so the normalised sigmoids are e^0, e^−1, e^−3 over their sum.
        var learner = Learner("hinge", [0, 0, 0, 0, 0, 0], [-1000, -1001, -1003]);
        var sum = 1 + Math.Exp(-1) + Math.Exp(-3);

        var p = Scores(learner, 0, 0);

        Assert.Equal(1 / sum, p[0], 15);
        Assert.Equal(Math.Exp(-1) / sum, p[1], 15);
        Assert.Equal(Math.Exp(-3) / sum, p[2], 15);
    }

    [Fact]
    public void One_vs_rest_with_every_margin_minus_infinity_is_a_tie()
    {
        var learner = Learner("hinge", [-10, 0, -10, 0, -10, 0]);

        Assert.Equal([1.0 / 3, 1.0 / 3, 1.0 / 3], Scores(learner, 1e308, 0));
    }
}
