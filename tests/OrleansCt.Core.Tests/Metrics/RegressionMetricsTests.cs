using OrleansCt.Core.Metrics;

namespace OrleansCt.Core.Tests.Metrics;

/// <summary>RegressionMetrics on a stream worked by hand, its undefined values and its checkpoints.</summary>
public sealed class RegressionMetricsTests
{
    /// <summary>(predicted, label): errors 1, −3, 0, 1; labels 2, 4, 5, 1 (mean 3).</summary>
    internal static readonly (double Predicted, double Label)[] FourRows = [(3, 2), (1, 4), (5, 5), (2, 1)];

    [Fact]
    public void Four_hand_worked_rows_give_mae_rmse_and_r2()
    {
        var values = Feed(new RegressionMetrics(), FourRows).Values();

        Assert.Equal(4, values.Count);
        Assert.Equal(1.25, values.Mae); // (1 + 3 + 0 + 1) / 4
        Assert.Equal(Math.Sqrt(11.0 / 4.0), values.Rmse); // SSE = 1 + 9 + 0 + 1 = 11
        MetricAssert.Close(-0.1, values.R2, 1e-15); // SST = 1 + 1 + 4 + 4 = 10; 1 − 11/10
    }

    [Fact]
    public void R2_is_null_for_fewer_than_two_rows_or_a_constant_label()
    {
        Assert.Equal(new RegressionValues(0, null, null, null), new RegressionMetrics().Values());
        var constant = Feed(new RegressionMetrics(), [(1, 2), (3, 2)]);
        Assert.Equal(new RegressionValues(2, 1.0, 1.0, null), constant.Values());
    }

    [Fact]
    public void A_non_finite_row_is_rejected_and_counts_nothing()
    {
        var metrics = new RegressionMetrics();
        Assert.Throws<ArgumentException>(() => metrics.Observe(double.NaN, 1));
        Assert.Throws<ArgumentException>(() => metrics.Observe(1, double.PositiveInfinity));
        Assert.Equal(0, metrics.Count);
    }

    [Fact]
    public void State_round_trip_is_bit_identical()
    {
        var metrics = new RegressionMetrics();
        for (var r = 0; r < 3000; r++)
        {
            metrics.Observe(HousingRule.Predicted[r], HousingRule.Labels[r]);
        }

        var restored = RegressionMetrics.FromState(metrics.ToState());
        Assert.Equal(metrics.ToState(), restored.ToState());
        metrics.Observe(1e5, 2e5);
        restored.Observe(1e5, 2e5);
        Assert.Equal(metrics.ToState(), restored.ToState());
        Assert.Throws<ArgumentException>(() => RegressionMetrics.FromState(new RegressionState(-1, 0, 0, 0, 0)));
        Assert.Throws<ArgumentException>(() => RegressionMetrics.FromState(new RegressionState(3, 1, double.NaN, 0, 0)));
        Assert.Throws<ArgumentException>(() => RegressionMetrics.FromState(new RegressionState(0, 1, 0, 0, 0)));
    }

    internal static RegressionMetrics Feed(RegressionMetrics metrics, (double Predicted, double Label)[] rows)
    {
        foreach (var (predicted, label) in rows)
        {
            metrics.Observe(predicted, label);
        }

        return metrics;
    }
}
