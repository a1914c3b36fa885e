using OrleansCt.Core.Events;
using OrleansCt.Core.Learning;
using OrleansCt.Core.Schema;

namespace OrleansCt.Core.Tests.Learning;

/// <summary>
/// Weights after eight rows, against scikit-learn 1.2.1 (numpy 1.24.2) partial_fit one row at a time, as printed by
/// Reference/sgd_reference.py (run: /usr/bin/python3 tests/OrleansCt.Core.Tests/Reference/sgd_reference.py).
/// Unscaled inputs (Standardize = false); the categorical "c" is one-hot in both; sklearn's coef order is [x1, x2, a, b, c].
/// </summary>
public sealed class SklearnCrossCheckTests
{
    private const double Tolerance = 1e-12;

    private static readonly double[] X1 = [0.5, 1.5, -0.7, 2.2, 0.0, -1.3, 0.9, -0.2];
    private static readonly double[] X2 = [-1.2, 0.3, 2.0, -0.4, double.NaN, -0.8, 0.9, -1.7];
    private static readonly string?[] C = ["a", "b", "c", "a", "z", null, "b", "c"];
    private static readonly double[] YBinary = [1, 0, 1, 0, 1, 0, 1, 0];
    private static readonly double[] YMulti = [0, 1, 2, 1, 0, 2, 1, 0];
    private static readonly double[] YRegression = [3.0, -1.0, 2.5, 0.7, 4.1, -2.2, 1.9, -0.6];

    [Fact]
    public void Binary_log_loss_constant_rate_matches_SGDClassifier()
    {
        // SGDClassifier(loss="log_loss", penalty="l2", learning_rate="constant", eta0=0.1, alpha=0.01)
        var state = Train(ModelTask.Binary, new LearnerSpec { Loss = "log", Schedule = "constant", LearningRate = 0.1, L2 = 0.01 }, YBinary);
        AssertClose([-0.06328577592061949, 0.22072304393898037, 0.002543032794598536, 0.000444489823349037, 0.005713761157292998], state.Weights);
        AssertClose([0.0021660202459743982], state.Intercepts);
    }

    [Fact]
    public void Binary_log_loss_optimal_rate_matches_SGDClassifier()
    {
        // SGDClassifier(loss="log_loss", penalty="l2", learning_rate="optimal", alpha=0.01)
        var state = Train(ModelTask.Binary, new LearnerSpec { Loss = "log", Schedule = "optimal", L2 = 0.01 }, YBinary);
        AssertClose([-0.35858520087443585, 5.831309616701632, 1.2944260437065958, -1.3141748546661218, 2.5466384375899183], state.Weights);
        AssertClose([0.48131472095059674], state.Intercepts);
    }

    [Fact]
    public void Binary_hinge_optimal_rate_matches_SGDClassifier()
    {
        // SGDClassifier(loss="hinge", penalty="l2", learning_rate="optimal", alpha=0.01)
        var state = Train(ModelTask.Binary, new LearnerSpec { Loss = "hinge", Schedule = "optimal", L2 = 0.01 }, YBinary);
        AssertClose([1.2945729022967303, 5.696120770105609, 2.5891458045934588, 4.210929755590923e-16, 2.5891458045934588], state.Weights);
        AssertClose([2.998532202447345], state.Intercepts);
    }

    [Fact]
    public void Multiclass_hinge_is_one_vs_rest_like_SGDClassifier()
    {
        // SGDClassifier(loss="hinge", penalty="l2", learning_rate="invscaling", eta0=0.1, power_t=0.5, alpha=0.01), classes [0, 1, 2]
        var state = Train(ModelTask.Multiclass, new LearnerSpec { Loss = "hinge", Schedule = "invscaling", LearningRate = 0.1, PowerT = 0.5, L2 = 0.01 }, YMulti);
        AssertClose(
            [
                -0.11348973805253024, -0.29748661998638093, 0.04974264027697687, -0.10830557357106396, -0.022259296184123135,
                0.30021715045964076, 0.1323000316687511, -0.04974264027697687, 0.10830557357106396, -0.0929699743027779,
                -0.3857383532125388, 0.22710013323687178, -0.14958403647628127, -0.10830557357106396, 0.022259296184123135,
            ],
            state.Weights);
        AssertClose([-0.07699028277560317, -0.12012942915509457, -0.24002396806355175], state.Intercepts);
    }

    [Fact]
    public void Squared_loss_invscaling_matches_SGDRegressor_with_the_normalising_sample_weight()
    {
        // Our squared-loss step is eta_t / (1 + eta_t (||x||^2 + 1)) while the L2 shrink uses eta_t: that is SGDRegressor with
        // sample_weight = 1 / (1 + eta_t (||x||^2 + 1)) (it weights the step, not the shrink). Without standardisation the
        // target is used as is. SGDRegressor(penalty="l2", learning_rate="invscaling", eta0=0.1, power_t=0.25, alpha=0.01)
        var state = Train(ModelTask.Regression, new LearnerSpec { Schedule = "invscaling", LearningRate = 0.1, PowerT = 0.25, L2 = 0.01, Standardize = false }, YRegression);
        AssertClose([0.1951736460860254, 0.25108297410013847, 0.23939684445234027, -0.011728300902739928, 0.10871580569248893], state.Weights);
        AssertClose([0.4260495611405137], state.Intercepts);
    }

    [Fact]
    public void Squared_loss_constant_matches_SGDRegressor_with_the_normalising_sample_weight()
    {
        // SGDRegressor(penalty="l2", learning_rate="constant", eta0=0.05, alpha=0.001), sample weights as above.
        var state = Train(ModelTask.Regression, new LearnerSpec { Schedule = "constant", LearningRate = 0.05, L2 = 0.001, Standardize = false }, YRegression);
        AssertClose([0.17273974195501127, 0.22568787692332176, 0.1483518058245664, 0.013543923754690596, 0.07531183262287502], state.Weights);
        AssertClose([0.31103465326520857], state.Intercepts);
    }

    private static LearnerState Train(ModelTask task, LearnerSpec spec, double[] labels)
    {
        var schema = Rows.Schema(task, spec with { Standardize = false }, numeric: ["x1", "x2"], categorical: [("c", ["a", "b", "c"])]);
        var learner = OnlineLearner.Create(schema);
        var batch = new EventBatch
        {
            Ids = X1.Select((_, i) => $"r{i}").ToArray(),
            Times = new double[X1.Length],
            Numeric = [X1, X2],
            Categorical = [C],
            Labels = labels,
        };
        for (var row = 0; row < batch.Count; row++)
        {
            learner.Learn(batch, row, labels[row]);
        }

        Assert.Equal(8, learner.Updates);
        return learner.ExportState();
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], Tolerance);
        }
    }
}
