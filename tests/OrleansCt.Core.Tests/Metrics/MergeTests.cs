using OrleansCt.Core.Metrics;

namespace OrleansCt.Core.Tests.Metrics;

/// <summary>
/// Merging the accumulators of parts of a stream gives the accumulator of the whole: counts and histograms (hence accuracy,
/// precision, recall, F1 and the binned AUC) exactly; float sums (log loss, errors, Chan's moments) up to rounding.
/// </summary>
public sealed class MergeTests
{
    private const double Relative = 1e-13;

    [Fact]
    public void Classification_parts_merge_into_the_whole()
    {
        var whole = new ClassificationMetrics(2, 1);
        var parts = new[] { new ClassificationMetrics(2, 1), new ClassificationMetrics(2, 1), new ClassificationMetrics(2, 1) };
        for (var r = 0; r < 10000; r++)
        {
            whole.Observe(Elec2Rule.Row(r), Elec2Rule.Labels[r]);
            parts[r < 3000 ? 0 : r < 7000 ? 1 : 2].Observe(Elec2Rule.Row(r), Elec2Rule.Labels[r]);
        }

        // Out of order on purpose: the last hour is merged from buckets in whatever order they are stored.
        var merged = new ClassificationMetrics(2, 1);
        merged.Merge(parts[2]);
        merged.Merge(parts[0]);
        merged.Merge(parts[1]);

        MetricAssert.SameUpToRounding(whole.ToState(), merged.ToState(), Relative);
        var expected = whole.Values();
        var actual = merged.Values();
        MetricAssert.Close(expected.LogLoss!.Value, actual.LogLoss, Relative * expected.LogLoss.Value);
        Assert.Equal(expected, actual with { LogLoss = expected.LogLoss });
    }

    [Fact]
    public void Classification_merge_with_an_empty_accumulator_changes_nothing()
    {
        var metrics = ClassificationMetricsTests.Feed(new ClassificationMetrics(2, 1), ClassificationMetricsTests.FiveRows);
        var before = metrics.ToState();
        metrics.Merge(new ClassificationMetrics(2, 1));
        MetricAssert.Identical(before, metrics.ToState());

        var empty = new ClassificationMetrics(2, 1);
        empty.Merge(metrics);
        MetricAssert.Identical(before, empty.ToState());
    }

    [Fact]
    public void Regression_halves_merge_exactly_by_hand()
    {
        // Labels 2, 4 (mean 3, M2 2) and 5, 1 (mean 3, M2 8): Chan's δ = 0, so M2 = 10 and R² = 1 − 11/10, as for the whole.
        var first = RegressionMetricsTests.Feed(new RegressionMetrics(), RegressionMetricsTests.FourRows[..2]);
        var second = RegressionMetricsTests.Feed(new RegressionMetrics(), RegressionMetricsTests.FourRows[2..]);
        first.Merge(second);

        Assert.Equal(new RegressionState(4, 5, 11, 3, 10), first.ToState());
    }

    [Fact]
    public void Regression_parts_merge_into_the_whole()
    {
        var whole = new RegressionMetrics();
        var parts = new[] { new RegressionMetrics(), new RegressionMetrics(), new RegressionMetrics() };
        for (var r = 0; r < HousingRule.Rows; r++)
        {
            whole.Observe(HousingRule.Predicted[r], HousingRule.Labels[r]);
            parts[r % 3].Observe(HousingRule.Predicted[r], HousingRule.Labels[r]);
        }

        var merged = new RegressionMetrics();
        foreach (var part in parts)
        {
            merged.Merge(part);
        }

        var expected = whole.ToState();
        var actual = merged.ToState();
        Assert.Equal(expected.Count, actual.Count);
        MetricAssert.Close(expected.AbsoluteErrorSum, actual.AbsoluteErrorSum, Relative * expected.AbsoluteErrorSum);
        MetricAssert.Close(expected.SquaredErrorSum, actual.SquaredErrorSum, Relative * expected.SquaredErrorSum);
        MetricAssert.Close(expected.LabelMean, actual.LabelMean, Relative * expected.LabelMean);
        MetricAssert.Close(expected.LabelM2, actual.LabelM2, Relative * expected.LabelM2);
        MetricAssert.Close(whole.Values().R2!.Value, merged.Values().R2, Relative);
    }

    [Fact]
    public void Regression_merge_with_an_empty_accumulator_changes_nothing()
    {
        var metrics = RegressionMetricsTests.Feed(new RegressionMetrics(), RegressionMetricsTests.FourRows);
        var before = metrics.ToState();
        metrics.Merge(new RegressionMetrics());
        Assert.Equal(before, metrics.ToState());

        var empty = new RegressionMetrics();
        empty.Merge(metrics);
        Assert.Equal(before, empty.ToState());
    }

    /// <summary>
    /// One label at +MaxValue merged with 23 whose mean is near −1.5e307 (found by MonitorProperties, seed bHcsH1tEvtz1): the means'
    /// difference overflows, and so did the halved step doubled when the other side held most rows. The mean of the 24 labels,
    /// worked with Python's decimal module at 60 digits: −6.676278604740351250e306.
    /// </summary>
    [Fact]
    public void Regression_means_of_opposite_extremes_merge_to_the_finite_mean_of_the_union_in_either_order()
    {
        double[] one = [double.MaxValue];
        double[] many =
        [
            177.8125, 0, 1.6364771023596E-311, 2.03098771917E-313, 1E-310, 1E+154, -5E-324, 1.7E+308, -223.0625, 5E-324, 6.821332E-317, -1.7E+308,
            56.8125, 233, -171.5625, 1E-310, -22, -1E-310, -159.875, -1.7E+308, -5E-324, 2.534646E-318, -1.7E+308,
        ];
        foreach (var (first, second) in new[] { (one, many), (many, one) })
        {
            var merged = new RegressionMetrics();
            foreach (var part in new[] { first, second })
            {
                var metrics = new RegressionMetrics();
                foreach (var label in part)
                {
                    metrics.Observe(0, label);
                }

                merged.Merge(metrics);
            }

            var state = merged.ToState();
            Assert.Equal(24, state.Count);
            Assert.Equal(-6.676278604740351250e306, state.LabelMean, -6.676278604740351250e306 * -1e-12);
            Assert.Equal(state, RegressionMetrics.FromState(state).ToState());
        }
    }
}
