using MathNet.Numerics.LinearAlgebra;
using OrleansCt.Core.Drift.Multivariate;
using static OrleansCt.Core.Tests.Drift.Multivariate.MultivariateData;

namespace OrleansCt.Core.Tests.Drift.Multivariate;

public sealed class PcaReconstructionTests
{
    // Reference (0, 10), (2, 14): mean (1, 12), population std (1, 2), so the standardized rows are ±(1, 1); correlation [[1, 1], [1, 1]]
    // has eigenvalues 2 and 0, and one component (1, 1)/√2 explains all the variance. A third feature constant at 5 cannot be standardized.
    private static readonly PcaReconstruction HandModel = PcaReconstruction.Fit(Of([0, 10, 5], [2, 14, 5]));

    [Fact]
    public void Perfectly_correlated_features_need_one_component_and_a_constant_feature_is_dropped()
    {
        Assert.Equal([0, 1], HandModel.Features);
        Assert.Equal([2], HandModel.DroppedFeatures);
        Assert.Single(HandModel.Components);
        Assert.Equal(1.0, HandModel.ExplainedVariance[0], 1e-15);
        var v = HandModel.Components[0];
        Assert.Equal(1 / Math.Sqrt(2), Math.Abs(v[0]), 1e-15);
        Assert.Equal(v[0], v[1], 1e-15);
        Assert.Single(PcaReconstruction.Fit(Of([0, 10], [2, 14]), varianceToKeep: 1).Components);
    }

    [Fact]
    public void Hand_worked_rows_have_the_hand_worked_error()
    {
        // (2, 10) standardizes to z = (1, −1), orthogonal to the component: error ‖z‖ = √2. (2, 14) is z = (1, 1), on it: error 0.
        // Both rows: sqrt((2 + 0) / 2) = 1. The third feature's value is ignored. A zero error comes out only to about √ε ≈ 1e-8,
        // since its square is a difference of second moments of order 1.
        Assert.Equal(Math.Sqrt(2), HandModel.Error(Of([2, 10, -100])), 1e-14);
        Assert.Equal(0.0, HandModel.Error(Of([2, 14, 5])), 1e-7);
        Assert.Equal(1.0, HandModel.Error(Of([2, 10, 5], [2, 14, 5])), 1e-14);
        Assert.True(double.IsNaN(HandModel.Error(new CoMoments(3))));
    }

    [Fact]
    public void Matches_scikit_learn_on_a_fixed_dataset()
    {
        // Values printed by `/usr/bin/python3 tests/OrleansCt.Core.Tests/Drift/Multivariate/pca_reference.py`
        // (numpy 1.24.2, scikit-learn 1.2.1: StandardScaler, then PCA(n_components=v, svd_solver="full"), inverse_transform).
        double[][] reference =
        [
            [1.0, 2.1, 0.5], [2.0, 3.9, 0.1], [3.0, 6.2, -0.4], [4.0, 8.1, 0.9], [5.0, 9.8, -1.2], [6.0, 12.3, 0.3],
            [7.0, 13.9, 1.1], [8.0, 16.2, -0.7], [9.0, 18.1, 0.2], [10.0, 19.7, -0.3], [11.0, 22.4, 0.8], [12.0, 23.8, -0.9],
        ];
        double[][] window = [[2.5, 4.0, 0.0], [4.0, 3.0, 1.5], [7.5, 15.5, -2.0], [9.0, 12.0, 0.4], [11.0, 25.0, 0.6], [13.0, 20.0, -1.0]];

        var at65 = PcaReconstruction.Fit(Of(3, reference));
        Assert.Equal([0.6823116303514708], at65.ExplainedVariance, (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.Equal(1.5503400846856292, at65.Error(Of(3, window)), 1e-12);

        var at90 = PcaReconstruction.Fit(Of(3, reference), 0.9);
        Assert.Equal([0.6823116303514708, 0.3175592187327425], at90.ExplainedVariance, (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.Equal(0.43739615877928095, at90.Error(Of(3, window)), 1e-12);
    }

    [Theory]
    [InlineData(0.65)]
    [InlineData(0.95)]
    public void Error_from_moments_equals_reconstructing_every_row_with_MathNet_svd(double varianceToKeep)
    {
        var reference = Rows(400, 11, Correlated(0.8, 2.0));
        var window = Rows(120, 12, Correlated(-0.3, 3.5));

        // Standardize with the reference's own mean and population std, then PCA by the SVD of the standardized reference.
        var d = reference[0].Length;
        var means = Enumerable.Range(0, d).Select(f => Column(reference, f).Average()).ToArray();
        var stds = Enumerable.Range(0, d).Select(f => Math.Sqrt(Column(reference, f).Average(x => (x - means[f]) * (x - means[f])))).ToArray();
        double[] Z(double[] row) => [.. row.Select((x, f) => (x - means[f]) / stds[f])];
        var svd = Matrix<double>.Build.DenseOfRowArrays(reference.Select(Z)).Svd();
        var shares = svd.S.Select(s => s * s / svd.S.Sum(t => t * t)).ToArray();
        var kept = 1;
        while (shares.Take(kept).Sum() < varianceToKeep)
        {
            kept++;
        }

        var squared = window.Select(row =>
        {
            var z = Vector<double>.Build.DenseOfArray(Z(row));
            var reconstructed = Vector<double>.Build.Dense(d);
            for (var c = 0; c < kept; c++)
            {
                reconstructed += svd.VT.Row(c) * z.DotProduct(svd.VT.Row(c));
            }

            return (z - reconstructed).DotProduct(z - reconstructed);
        });
        var expected = Math.Sqrt(squared.Average());

        var model = PcaReconstruction.Fit(Merged(InBuckets(reference, 50)), varianceToKeep);
        Assert.Equal(shares.Take(kept), model.ExplainedVariance, (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.Equal(expected, model.Error(Merged(InBuckets(window, 10))), 1e-9);
        Assert.Equal(expected, model.Error(Of(d, window)), 1e-9);
    }

    [Fact]
    public void State_round_trips_to_the_same_errors()
    {
        var reference = Rows(300, 21, Correlated(0.6, 1.0));
        var window = Of(4, Rows(50, 22, Correlated(0.0, 1.0)));
        var model = PcaReconstruction.Fit(Of(4, reference), 0.8);
        var restored = PcaReconstruction.FromState(model.ToState());
        Assert.Equal(model.Error(window), restored.Error(window));
        Assert.Equal(model.ExplainedVariance, restored.ExplainedVariance);
        Assert.Equal(model.Features, restored.Features);
    }

    [Fact]
    public void A_state_that_cannot_be_right_is_refused_naming_the_field()
    {
        var good = HandModel.ToState();
        var cases = new (PcaReconstructionState State, string Field)[]
        {
            (good with { Features = [1, 0] }, "Features"),
            (good with { Means = [0.0] }, "Means"),
            (good with { Stds = [1.0, 0.0] }, "Stds"),
            (good with { Components = [[1.0, 1.0]] }, "Components 0 and 0"),
            (good with { Components = [[1.0]] }, "Components must hold"),
            (good with { ExplainedVariance = [1.5] }, "ExplainedVariance"),
            (good with { VarianceToKeep = 0 }, "VarianceToKeep"),
        };
        foreach (var (state, field) in cases)
        {
            var e = Assert.Throws<ArgumentException>(() => PcaReconstruction.FromState(state));
            Assert.Contains(field, e.Message);
        }
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PcaReconstruction.Fit(Of([0, 1], [1, 2]), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => PcaReconstruction.Fit(Of([0, 1], [1, 2]), 1.01));
        Assert.Throws<ArgumentException>(() => PcaReconstruction.Fit(Of([0, 1], [0, 1])));
        Assert.Throws<ArgumentException>(() => PcaReconstruction.Fit(new CoMoments(2)));
        Assert.Throws<ArgumentException>(() => HandModel.Error(new CoMoments(2)));
    }

    /// <summary>Four features: a and b correlated by <paramref name="rho"/>, c independent, d = c plus noise, offsets and scales all different.</summary>
    internal static Func<Func<double>, double[]> Correlated(double rho, double scale) => normal =>
    {
        var (a, e, c, g) = (normal(), normal(), normal(), normal());
        return [10 + (scale * a), -3 + (rho * a) + (Math.Sqrt(1 - (rho * rho)) * e), 100 * c, (50 * c) + (20 * g) + 7];
    };
}
