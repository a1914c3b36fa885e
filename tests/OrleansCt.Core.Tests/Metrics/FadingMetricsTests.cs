using OrleansCt.Core.Metrics;

namespace OrleansCt.Core.Tests.Metrics;

/// <summary>Fading-factor metrics: a few steps by hand, the closed form Σ α^(n−i) x_i / Σ α^(n−i), and α = 1 as the plain metrics.</summary>
public sealed class FadingMetricsTests
{
    [Fact]
    public void Regression_four_steps_by_hand_with_alpha_one_half()
    {
        // Errors 1, −3, 0, 1. W: 1, 1.5, 1.75, 1.875. Σ|e|: 1, 3.5, 1.75, 1.875. Σe²: 1, 9.5, 4.75, 3.375 (all exact in binary).
        double[] mae = [1.0, 3.5 / 1.5, 1.0, 1.0];
        double[] mse = [1.0, 9.5 / 1.5, 4.75 / 1.75, 3.375 / 1.875];
        var metrics = new FadingRegressionMetrics(0.5);
        for (var i = 0; i < 4; i++)
        {
            var (predicted, label) = RegressionMetricsTests.FourRows[i];
            metrics.Observe(predicted, label);
            Assert.Equal(new RegressionValues(i + 1, mae[i], Math.Sqrt(mse[i]), null), metrics.Values());
        }
    }

    [Fact]
    public void Classification_five_steps_by_hand_with_alpha_one_half()
    {
        // Hits 1, 0, 0, 1, 1 → W = 1.9375, faded hits 1.5625: accuracy 25/31. Faded tp (row 1) 1/16, fp (row 3) 1/4, fn (row 2) 1/8:
        // precision 0.0625 / 0.3125 = 0.2, recall 0.0625 / 0.1875 = 1/3, F1 0.125 / 0.5 = 0.25.
        // Log loss (l1/16 + l2/8 + l3/4 + l4/2 + l5) / 1.9375 with l = −ln 0.8, −ln 0.4, −ln 0.3, −ln 0.9, −ln 0.5 = 0.6066082337609031.
        var metrics = new FadingClassificationMetrics(2, 1, 0.5);
        foreach (var (p, y) in ClassificationMetricsTests.FiveRows)
        {
            metrics.Observe(p, y);
        }

        var values = metrics.Values();
        Assert.Equal(5, values.Count);
        Assert.Equal(25.0 / 31.0, values.Accuracy);
        MetricAssert.Close(0.6066082337609031, values.LogLoss, 1e-15);
        Assert.Equal(0.2, values.Precision);
        MetricAssert.Close(1.0 / 3.0, values.Recall, 1e-16);
        Assert.Equal(0.25, values.F1);
        Assert.Null(values.RocAuc);
    }

    [Fact]
    public void Alpha_one_gives_the_plain_metrics_bit_for_bit()
    {
        var plain = new ClassificationMetrics(2, 1);
        var fading = new FadingClassificationMetrics(2, 1, 1.0);
        for (var r = 0; r < 5000; r++)
        {
            plain.Observe(Elec2Rule.Row(r), Elec2Rule.Labels[r]);
            fading.Observe(Elec2Rule.Row(r), Elec2Rule.Labels[r]);
        }

        Assert.Equal(plain.Values() with { RocAuc = null }, fading.Values());

        var plainRegression = new RegressionMetrics();
        var fadingRegression = new FadingRegressionMetrics(1.0);
        for (var r = 0; r < 5000; r++)
        {
            plainRegression.Observe(HousingRule.Predicted[r], HousingRule.Labels[r]);
            fadingRegression.Observe(HousingRule.Predicted[r], HousingRule.Labels[r]);
        }

        Assert.Equal(plainRegression.Values() with { R2 = null }, fadingRegression.Values());
    }

    [Fact]
    public void Faded_values_equal_the_closed_form_weighted_means()
    {
        // After n rows the recursion gives Σ α^(n−i) x_i / Σ α^(n−i); computed here directly with powers, a different route.
        const double alpha = 0.999;
        const int n = 3000;
        var classification = new FadingClassificationMetrics(2, 1, alpha);
        var regression = new FadingRegressionMetrics(alpha);
        double weight = 0, hits = 0, loss = 0, absolute = 0, squared = 0;
        for (var i = 0; i < n; i++)
        {
            var row = Elec2Rule.Row(i);
            classification.Observe(row, Elec2Rule.Labels[i]);
            regression.Observe(HousingRule.Predicted[i], HousingRule.Labels[i]);
            var w = Math.Pow(alpha, n - 1 - i);
            var error = HousingRule.Predicted[i] - HousingRule.Labels[i];
            weight += w;
            hits += w * ((row[1] > row[0] ? 1 : 0) == Elec2Rule.Labels[i] ? 1 : 0);
            loss += w * -Math.Log(Math.Clamp(row[Elec2Rule.Labels[i]], Math.Pow(2, -52), 1 - Math.Pow(2, -52)));
            absolute += w * Math.Abs(error);
            squared += w * error * error;
        }

        MetricAssert.Close(hits / weight, classification.Values().Accuracy, 1e-12);
        MetricAssert.Close(loss / weight, classification.Values().LogLoss, 1e-12);
        MetricAssert.Close(absolute / weight, regression.Values().Mae, 1e-12 * (absolute / weight));
        MetricAssert.Close(Math.Sqrt(squared / weight), regression.Values().Rmse, 1e-12 * Math.Sqrt(squared / weight));
    }

    [Fact]
    public void State_round_trips_are_bit_identical_and_bad_states_are_rejected()
    {
        var classification = new FadingClassificationMetrics(2, 1, 0.999);
        var regression = new FadingRegressionMetrics(0.999);
        for (var r = 0; r < 2000; r++)
        {
            classification.Observe(Elec2Rule.Row(r), Elec2Rule.Labels[r]);
            regression.Observe(HousingRule.Predicted[r], HousingRule.Labels[r]);
        }

        Assert.Equal(classification.ToState(), FadingClassificationMetrics.FromState(classification.ToState()).ToState());
        Assert.Equal(regression.ToState(), FadingRegressionMetrics.FromState(regression.ToState()).ToState());
        Assert.Throws<ArgumentException>(() => FadingClassificationMetrics.FromState(classification.ToState() with { Alpha = 1.5 }));
        Assert.Throws<ArgumentException>(() => FadingClassificationMetrics.FromState(classification.ToState() with { Correct = 1e9 }));
        Assert.Throws<ArgumentException>(() => FadingRegressionMetrics.FromState(regression.ToState() with { Weight = double.NaN }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FadingRegressionMetrics(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FadingRegressionMetrics(double.NaN));
    }
}
