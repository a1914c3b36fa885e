using OrleansCt.Core.Drift.Statistics;
using OrleansCt.Core.Drift.Windows;
using OrleansCt.Core.Schema;
using OrleansCt.Core.Sketches;

namespace OrleansCt.Core.Tests.Drift.Windows;

/// <summary>
/// wassersteinNormed and ksD of a window known only by its counts on the reference's decile bins and its k = 16 bucket
/// sketches (as ModelMonitor closes buckets), against the same statistics of the raw samples (Wasserstein.Normed and
/// KolmogorovSmirnov.Test, checked against scipy in SampleStatisticTests). Reference: 5,000 standard normal values.
/// </summary>
public sealed class BinnedCdfRawSampleTests
{
    private static readonly double[] Reference = WindowData.Normal(20_240, 5_000);

    // The tolerances come from an independent numpy model of the estimate (exact reference ECDF inside each bin, the
    // window's own ECDF outside the reference's range) run on 2,000 pairs of samples of these sizes:
    //   /usr/bin/python3 tests/OrleansCt.Core.Tests/Drift/Windows/binned_cdf_reference.py
    //   shift 0.0: W1 diff in [-0.0213, 0.0071], D diff in [-0.0147, -0.0001], raw W1 max 0.09
    //   shift 0.5: W1 diff in [-0.0474, -0.0033], D diff in [-0.0163, 0.0000]
    //   population shift 0.5: binned W1 0.4744 (true 0.5), binned D 0.197411 (true 0.197413)
    // The code's reference shape is a k = 200 sketch rather than the exact ECDF, which adds a little; hence the margins.

    /// <summary>Same distribution: the estimate sees only how the window's mass spreads over the bins, so it lies between 0 and about the raw value.</summary>
    private const double SameDistributionTolerance = 0.03;

    /// <summary>Shift +0.5: the window gets the reference's shape inside the wide outer bins, which loses area (population bias −0.026).</summary>
    private const double ShiftedW1Tolerance = 0.06;

    private const double KsTolerance = 0.03;

    [Fact]
    public void A_window_of_the_same_distribution_scores_near_the_raw_samples_and_below_the_threshold()
    {
        var window = WindowData.Normal(7, 2_000);
        var drift = Score(window, 500);

        var rawW1 = Wasserstein.Normed(Reference, window);
        var rawD = KolmogorovSmirnov.Test(Reference, window).D;
        Assert.InRange(drift.Scores.WassersteinNormed!.Value, rawW1 - SameDistributionTolerance, rawW1 + SameDistributionTolerance);
        Assert.InRange(drift.Scores.KsD!.Value, rawD - SameDistributionTolerance, rawD + SameDistributionTolerance);
        Assert.True(rawW1 < DriftThresholds.WassersteinNormed);
        Assert.Equal(StatisticNames.WassersteinNormed, drift.Statistic);
        Assert.True(drift.Score < DriftThresholds.WassersteinNormed);
        Assert.False(drift.Drifted);
    }

    [Fact]
    public void A_window_shifted_by_half_a_standard_deviation_scores_near_the_raw_samples_and_drifts()
    {
        var window = WindowData.Normal(8, 2_000).Select(v => v + 0.5).ToArray();
        var drift = Score(window, 500);

        var rawW1 = Wasserstein.Normed(Reference, window);
        var rawD = KolmogorovSmirnov.Test(Reference, window).D;
        Assert.InRange(rawW1, 0.4, 0.6);
        Assert.InRange(drift.Scores.WassersteinNormed!.Value, rawW1 - ShiftedW1Tolerance, rawW1 + ShiftedW1Tolerance);
        Assert.InRange(drift.Scores.KsD!.Value, rawD - KsTolerance, rawD + KsTolerance);
        Assert.True(drift.Drifted);
    }

    [Fact]
    public void A_window_wholly_above_the_reference_max_scores_W1_near_the_raw_samples_and_KS_D_of_one()
    {
        // Celsius to Fahrenheit: every window value is above 32 - 1.8·4 > 4 > the reference max.
        var window = Reference.Select(v => (v * 1.8) + 32).ToArray();
        Assert.True(window.Min() > Reference.Max());
        var drift = Score(window, 500);

        // Here the estimate is ∫F_ref over the reference's range from its k = 200 sketch, plus ∫(1 − F_window) above the max
        // from the merged k = 16 bucket sketches; each differs from the raw samples' part by at most the sketch's rank error
        // times the range it covers (∫|F_sketch − F| ≤ sup|F_sketch − F|·(max − min)), KLL's documented bound 2.446/k^0.9433.
        var tolerance = ((QuantileSketch.RankErrorBound(ReferenceProfiler.SketchK) * (Reference.Max() - Reference.Min()))
            + (QuantileSketch.RankErrorBound(WindowData.BucketK) * (window.Max() - window.Min()))) / PopulationStd(Reference);
        var rawW1 = Wasserstein.Normed(Reference, window);
        Assert.InRange(drift.Scores.WassersteinNormed!.Value, rawW1 - tolerance, rawW1 + tolerance);

        // Just above the reference max, the reference CDF is 1 and the window's 0: D = 1, as on the raw samples.
        Assert.Equal(1.0, KolmogorovSmirnov.Test(Reference, window).D);
        Assert.Equal(1.0, drift.Scores.KsD!.Value, 1e-12);
        Assert.True(drift.Drifted);
    }

    private static ColumnDrift Score(double[] window, int bucketSize)
    {
        var column = ReferenceProfiler.Numeric("x", Reference, 10);
        var profile = new ReferenceProfile(1, "test", Reference.Length, [column], null, null);
        var buckets = window.Chunk(bucketSize).Select((values, i) => WindowData.Hourly(profile, i, WindowData.Numeric(column, values))).ToList();
        return DriftEvaluator.Evaluate(profile, buckets, new DriftSpec())!.Features.Single();
    }

    private static double PopulationStd(double[] values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
    }
}
