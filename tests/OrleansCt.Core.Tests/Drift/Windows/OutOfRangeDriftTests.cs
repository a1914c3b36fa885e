using System.Text.Json;
using OrleansCt.Core.Drift.Multivariate;
using OrleansCt.Core.Drift.Statistics;
using OrleansCt.Core.Drift.Windows;
using OrleansCt.Core.Schema;
using OrleansCt.Core.Tests.Properties;

namespace OrleansCt.Core.Tests.Drift.Windows;

/// <summary>
/// A drift statistic that was computed but lies beyond a double is left out of the answer and named in its column's outOfRange list
/// (the multivariate check in the evaluation's), as stats does; one that is simply not computed (too few distinct values, no
/// sketches) is absent without a flag. Every answer still serializes with the HTTP convention, which refuses NaN and infinities.
/// </summary>
public sealed class OutOfRangeDriftTests
{
    /// <summary>2,000 reference rows: the automatic test for a numeric column of that size is the normed Wasserstein distance.</summary>
    private const int ReferenceRows = 2_000;

    private static DriftEvaluation Evaluate(double[] reference, double[] window)
    {
        var column = ReferenceProfiler.Numeric("x", reference, 10);
        var profile = new ReferenceProfile(1, "test", reference.Length, [column], null, null);
        var evaluation = DriftEvaluator.Evaluate(profile, [WindowData.Hourly(profile, 0, WindowData.Numeric(column, window))], new DriftSpec())!;
        FiniteJson.Check(JsonSerializer.SerializeToUtf8Bytes(evaluation, JsonDefaults.Options));
        return evaluation;
    }

    [Fact]
    public void A_window_far_from_a_reference_of_tiny_spread_has_a_normed_distance_beyond_a_double()
    {
        // Reference i·1e-6 (i < 2,000): std 1e-6·sqrt((2000² − 1)/12) = 5.8e-4, below the 0.001 floor, so the distance is divided by
        // 0.001. Every window value is 1e306, above the whole reference, so W1 = 1e306 − mean(reference) ≈ 1e306 and the normed
        // distance ≈ 1e309: beyond a double. KS D is 1 (the two CDFs never overlap).
        var reference = Enumerable.Range(0, ReferenceRows).Select(i => i * 1e-6).ToArray();

        var x = Evaluate(reference, Enumerable.Repeat(1e306, 500).ToArray()).Features.Single();

        Assert.Null(x.Scores.WassersteinNormed);
        Assert.Equal([StatisticNames.WassersteinNormed], x.OutOfRange);
        Assert.Equal(1.0, x.Scores.KsD);
        // The chosen statistic could not be reported, so the verdict falls back to the JS distance, and says so.
        Assert.Equal((StatisticNames.JsDistance, x.Scores.JsDistance), (x.Statistic, x.Score));
    }

    [Fact]
    public void A_reference_whose_spread_saturates_leaves_the_normed_distance_unknown_not_zero()
    {
        // ±1.7e308 among 0..1997: Σ(x − mean)² ≥ 2·(1.7e308)² = 5.8e616, beyond a double, so the reference's std is +∞. The window's
        // W1 is finite; W1 / +∞ would read 0 ("no drift"), but the spread is unknown, so the normed distance is unknown too.
        var reference = Enumerable.Range(0, ReferenceRows - 2).Select(i => (double)i).Append(1.7e308).Append(-1.7e308).ToArray();
        Assert.Equal(double.PositiveInfinity, ReferenceProfiler.Numeric("x", reference, 10).StandardDeviation);

        var x = Evaluate(reference, Enumerable.Range(0, 500).Select(i => (double)i).ToArray()).Features.Single();

        Assert.Null(x.Scores.WassersteinNormed);
        Assert.Equal([StatisticNames.WassersteinNormed], x.OutOfRange);
    }

    [Fact]
    public void Ordinary_values_flag_nothing_and_a_column_of_few_values_has_no_normed_distance_to_flag()
    {
        var ordinary = Evaluate(Enumerable.Range(0, ReferenceRows).Select(i => i % 100 / 10.0).ToArray(), Enumerable.Range(0, 500).Select(i => i % 50 / 10.0).ToArray()).Features.Single();
        Assert.NotNull(ordinary.Scores.WassersteinNormed);
        Assert.Null(ordinary.OutOfRange);

        // Five distinct values: the column counts as discrete, KS comes from the histograms and no W1 is computed.
        var discrete = Evaluate(Enumerable.Range(0, ReferenceRows).Select(i => (double)(i % 5)).ToArray(), Enumerable.Repeat(1e306, 500).ToArray()).Features.Single();
        Assert.Null(discrete.Scores.WassersteinNormed);
        Assert.Null(discrete.OutOfRange);
    }

    [Fact]
    public void A_window_whose_co_moments_saturate_names_the_multivariate_check()
    {
        // Two correlated normal reference columns carry a fitted PCA. A window of (1.7e308, −1.7e308) and (−1.7e308, 1.7e308) has mean 0
        // and squared deviations of 2.9e616: its co-moments are ±∞, and so is (or NaN) the reconstruction error computed from them.
        var a = WindowData.Normal(1, ReferenceRows);
        var b = WindowData.Normal(2, ReferenceRows).Select((v, i) => a[i] + (0.5 * v)).ToArray();
        var (all, chunks) = MultivariateReference.Moments([a, b]);
        var multivariate = MultivariateReference.Fit(all, chunks);
        Assert.NotNull(multivariate);
        var columns = new[] { ReferenceProfiler.Numeric("a", a, 10), ReferenceProfiler.Numeric("b", b, 10) };
        var profile = new ReferenceProfile(1, "test", ReferenceRows, columns, null, null, multivariate);

        DriftEvaluation Window(double[] wa, double[] wb)
        {
            var joint = new CoMoments(2);
            for (var r = 0; r < wa.Length; r++)
            {
                joint.Add([wa[r], wb[r]]);
            }

            var bucket = WindowData.Hourly(profile, 0, WindowData.Numeric(columns[0], wa), WindowData.Numeric(columns[1], wb)) with { Joint = joint.ToState() };
            var evaluation = DriftEvaluator.Evaluate(profile, [bucket], new DriftSpec())!;
            FiniteJson.Check(JsonSerializer.SerializeToUtf8Bytes(evaluation, JsonDefaults.Options));
            return evaluation;
        }

        var extreme = Window([1.7e308, -1.7e308, 1.7e308, -1.7e308], [-1.7e308, 1.7e308, -1.7e308, 1.7e308]);
        Assert.Null(extreme.Multivariate);
        Assert.Equal([DriftEvaluator.OutOfRangeMultivariate], extreme.OutOfRange);

        var ordinary = Window(a[..100], b[..100]);
        Assert.NotNull(ordinary.Multivariate);
        Assert.Null(ordinary.OutOfRange);
    }
}
