using OrleansCt.Core.Learning;
using OrleansCt.Core.Schema;

namespace OrleansCt.Core.Tests.Learning;

/// <summary>One or two SGD steps on two unscaled inputs (a, b), with every expected number worked by hand.</summary>
public sealed class HandWorkedStepTests
{
    private const double Tolerance = 1e-12;

    private static readonly LearnerSpec Constant = new() { Schedule = "constant", LearningRate = 0.1, L2 = 0.1, Standardize = false };

    [Fact]
    public void Squared_loss_takes_the_normalised_step_with_l2_shrinkage()
    {
        var learner = OnlineLearner.Create(Rows.Schema(ModelTask.Regression, Constant));

        // Step 1, x = (1, 2), y = 3: p = 0, dloss = p - y = -3; ||x||^2 + 1 = 6, rate = 0.1 / (1 + 0.1*6) = 0.0625;
        // update = -rate*dloss = 0.1875 → w = (0.1875, 0.375), b = 0.1875.
        learner.Learn(3.0, [1, 2]);
        AssertState(learner, [0.1875, 0.375], [0.1875]);

        // Step 2, x = (2, -1), y = 1: p = 0.375 - 0.375 + 0.1875 = 0.1875, dloss = -0.8125; ||x||^2 + 1 = 6, rate 0.0625,
        // update = 0.05078125; shrink 1 - 0.1*0.1 = 0.99: w = 0.99*(0.1875, 0.375) + 0.05078125*(2, -1)
        // = (0.185625 + 0.1015625, 0.37125 - 0.05078125) = (0.2871875, 0.32046875); b = 0.1875 + 0.05078125 = 0.23828125.
        learner.Learn(1.0, [2, -1]);
        AssertState(learner, [0.2871875, 0.32046875], [0.23828125]);

        // Prediction at (1, 1): 0.2871875 + 0.32046875 + 0.23828125 = 0.8459375.
        Assert.Equal(0.8459375, learner.Predict(1, [1, 1])[0], Tolerance);
        Assert.Equal(2, learner.Updates);
    }

    [Fact]
    public void Binary_log_loss_steps_on_the_sigmoid_residual()
    {
        var learner = OnlineLearner.Create(Rows.Schema(ModelTask.Binary, Constant with { Loss = "log" }));

        // Step 1, x = (1, 2), class 1 (y = +1): m = 0, dloss = -y / (1 + e^(y m)) = -0.5, update = 0.05
        // → w = (0.05, 0.1), b = 0.05.
        learner.Learn(1, [1, 2]);
        AssertState(learner, [0.05, 0.1], [0.05]);

        // Step 2, x = (2, -1), class 0 (y = -1): m = 0.1 - 0.1 + 0.05 = 0.05, dloss = 1 / (1 + e^-0.05) = sigmoid(0.05) ≈ 0.5124974,
        // update = -0.1*sigmoid(0.05); w = 0.99*(0.05, 0.1) + update*(2, -1); b = 0.05 + update.
        learner.Learn(0, [2, -1]);
        var update = -0.1 * Rows.Sigmoid(0.05);
        AssertState(learner, [0.0495 + (2 * update), 0.099 - update], [0.05 + update]);

        // P(class 1) at (0, 0) is sigmoid(b); the output is [P(class 0), P(class 1)].
        var p = learner.Predict(2, [0, 0]);
        Assert.Equal(Rows.Sigmoid(0.05 + update), p[1], Tolerance);
        Assert.Equal(1 - Rows.Sigmoid(0.05 + update), p[0], Tolerance);
    }

    [Fact]
    public void Softmax_moves_every_class_by_its_probability_residual()
    {
        var learner = OnlineLearner.Create(Rows.Schema(ModelTask.Multiclass, Constant with { Loss = "log" }));

        // x = (1, 2), class 2: margins 0, p = (1/3, 1/3, 1/3), dloss = p - onehot(2) = (1/3, 1/3, -2/3),
        // update = -0.1*dloss = (-1/30, -1/30, 1/15): w_k = update_k * x, b_k = update_k.
        learner.Learn(2, [1, 2]);
        AssertState(learner, [-1.0 / 30, -2.0 / 30, -1.0 / 30, -2.0 / 30, 1.0 / 15, 2.0 / 15], [-1.0 / 30, -1.0 / 30, 1.0 / 15]);

        // At (1, 2): m0 = m1 = -1/30 - 4/30 - 1/30 = -0.2, m2 = 1/15 + 4/15 + 1/15 = 0.4; p = softmax(-0.2, -0.2, 0.4).
        var p = learner.Predict(3, [1, 2]);
        var sum = (2 * Math.Exp(-0.2)) + Math.Exp(0.4);
        Assert.Equal(Math.Exp(-0.2) / sum, p[0], Tolerance);
        Assert.Equal(Math.Exp(-0.2) / sum, p[1], Tolerance);
        Assert.Equal(Math.Exp(0.4) / sum, p[2], Tolerance);
    }

    [Fact]
    public void Hinge_steps_until_the_margin_passes_one_then_only_shrinks()
    {
        var learner = OnlineLearner.Create(Rows.Schema(ModelTask.Binary, Constant with { Loss = "hinge" }));

        // Step 1, x = (1, 2), y = +1: y m = 0 ≤ 1, dloss = -1, update 0.1 → w = (0.1, 0.2), b = 0.1.
        learner.Learn(1, [1, 2]);
        AssertState(learner, [0.1, 0.2], [0.1]);

        // Step 2: m = 0.1 + 0.4 + 0.1 = 0.6 ≤ 1 → w = 0.99*(0.1, 0.2) + 0.1*(1, 2) = (0.199, 0.398), b = 0.2.
        learner.Learn(1, [1, 2]);
        AssertState(learner, [0.199, 0.398], [0.2]);

        // Step 3: m = 0.199 + 0.796 + 0.2 = 1.195 > 1 → dloss 0, only the L2 shrink: w = (0.19701, 0.39402), b stays 0.2.
        learner.Learn(1, [1, 2]);
        AssertState(learner, [0.19701, 0.39402], [0.2]);

        // Hinge probabilities are the sigmoid of the margin: at (0, 0) the margin is b = 0.2.
        Assert.Equal(Rows.Sigmoid(0.2), learner.Predict(2, [0, 0])[1], Tolerance);
    }

    [Fact]
    public void AdaGrad_divides_each_step_by_the_root_of_its_summed_squared_gradients()
    {
        var spec = new LearnerSpec { Loss = "log", Schedule = "adagrad", LearningRate = 0.5, L2 = 0.1, Standardize = false };
        var learner = OnlineLearner.Create(Rows.Schema(ModelTask.Binary, spec));
        const double eps = 1e-8;

        // Step 1, x = (1, 2), class 1: dloss = -0.5; g = dloss*x + 0.1*w = (-0.5, -1), G = (0.25, 1);
        // w = -0.5*g / sqrt(eps + G) = (0.25 / sqrt(0.25 + eps), 0.5 / sqrt(1 + eps)) ≈ (0.5, 0.5); intercept like w_a.
        learner.Learn(1, [1, 2]);
        var w1 = new[] { 0.25 / Math.Sqrt(0.25 + eps), 0.5 / Math.Sqrt(1 + eps) };
        var b1 = 0.25 / Math.Sqrt(0.25 + eps);
        AssertState(learner, w1, [b1]);
        Assert.Equal([0.25, 1.0], learner.ExportState().GradSquares);

        // Step 2, x = (2, -1), class 0: m = 2 w_a - w_b + b ≈ 1, dloss = sigmoid(m);
        // g = dloss*x + 0.1*w, G += g^2, w -= 0.5*g / sqrt(eps + G); intercept: g = dloss, no L2.
        learner.Learn(0, [2, -1]);
        var m = (2 * w1[0]) - w1[1] + b1;
        var d = Rows.Sigmoid(m);
        double[] g = [(d * 2) + (0.1 * w1[0]), (d * -1) + (0.1 * w1[1])];
        double[] sums = [0.25 + (g[0] * g[0]), 1.0 + (g[1] * g[1])];
        AssertState(
            learner,
            [w1[0] - (0.5 * g[0] / Math.Sqrt(eps + sums[0])), w1[1] - (0.5 * g[1] / Math.Sqrt(eps + sums[1]))],
            [b1 - (0.5 * d / Math.Sqrt(eps + 0.25 + (d * d)))]);
    }

    [Fact]
    public void Optimal_schedule_starts_at_one_over_root_root_alpha_and_decays_as_one_over_alpha_t()
    {
        // alpha = 1e-4: typw = sqrt(1 / sqrt(1e-4)) = sqrt(100) = 10; t0 = 1 / (10 * 1e-4) = 1000;
        // eta(t) = 1 / (alpha (t0 + t - 1)): eta(1) = 1 / (1e-4 * 1000) = 10, eta(1001) = 1 / (1e-4 * 2000) = 5.
        var options = LearnerOptionsResolver.Resolve(Rows.Schema(ModelTask.Binary, new LearnerSpec { Schedule = "optimal", L2 = 1e-4 }));
        Assert.Equal(10, options.Eta0, Tolerance);
        Assert.Equal(10, StepSchedule.Rate(options, 1), Tolerance);
        Assert.Equal(5, StepSchedule.Rate(options, 1001), Tolerance);

        // Through the learner, hinge with alpha = 0.01: the first step is sqrt(1 / 0.1) = sqrt(10) times x (w was 0).
        var learner = OnlineLearner.Create(Rows.Schema(ModelTask.Binary, new LearnerSpec { Loss = "hinge", Schedule = "optimal", L2 = 0.01, Standardize = false }));
        learner.Learn(1, [1, 2]);
        AssertState(learner, [Math.Sqrt(10), 2 * Math.Sqrt(10)], [Math.Sqrt(10)]);
    }

    [Fact]
    public void Invscaling_divides_eta0_by_t_to_the_power_t()
    {
        // eta0 = 0.1, powerT = 0.5: eta(1) = 0.1, eta(4) = 0.1 / 2 = 0.05, eta(100) = 0.1 / 10 = 0.01.
        var options = LearnerOptionsResolver.Resolve(Rows.Schema(ModelTask.Binary, new LearnerSpec { Schedule = "invscaling", LearningRate = 0.1, PowerT = 0.5 }));
        Assert.Equal(0.1, StepSchedule.Rate(options, 1), Tolerance);
        Assert.Equal(0.05, StepSchedule.Rate(options, 4), Tolerance);
        Assert.Equal(0.01, StepSchedule.Rate(options, 100), Tolerance);
    }

    private static void AssertState(OnlineLearner learner, double[] weights, double[] intercepts) =>
        Rows.AssertState(learner, weights, intercepts, Tolerance);
}
