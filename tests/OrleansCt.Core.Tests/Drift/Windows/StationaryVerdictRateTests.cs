using OrleansCt.Core.Drift.Statistics;
using OrleansCt.Core.Drift.Windows;
using OrleansCt.Core.Sketches;

namespace OrleansCt.Core.Tests.Drift.Windows;

/// <summary>
/// How often windows of a stationary stream are judged drifted, against the α each verdict states: counted over many seeded
/// windows, allowed three binomial standard deviations above α. The reference is 1,000 rows and a window 1,440 (one day at one
/// event a minute), as in issue 12's stream; every sample is U(0, 1) (KS is distribution-free), the reference counted exactly.
/// </summary>
public sealed class StationaryVerdictRateTests
{
    private const int ReferenceRows = 1_000;
    private const int WindowRows = 1_440;

    private static readonly DriftSpec AsWritten = new() { Features = new Dictionary<string, FeatureDriftSpec> { ["x"] = new() { Statistic = StatisticNames.KsP } } };

    [Fact]
    public void The_binned_KS_p_value_holds_its_alpha_on_independent_windows_each_with_its_own_reference()
    {
        const int pairs = 1_500;
        var drifted = Share(pairs, 12, random => Judge(Profile(Uniform(random, ReferenceRows), 1), Uniform(random, WindowRows), AsWritten).Drifted);

        Assert.InRange(drifted, 0, Allowed(DriftThresholds.PValue, pairs));
    }

    [Fact]
    public void Against_one_unlucky_reference_the_two_sample_p_value_breaks_its_alpha_and_the_band_keeps_it()
    {
        // A reference whose ECDF stands δ = 1.3/√n above U(0, 1)'s at the median, tapering to the ends (the quantiles u = (i + ½)/n moved
        // to u − 2δ·min(u, 1 − u)): as unlucky as about one reference in fifteen (P(√n·D_n ≥ 1.3) ≈ 0.068), and inside the band
        // (1.358/√n at α = 0.05).
        const int windows = 600;
        var delta = 1.3 / Math.Sqrt(ReferenceRows);
        var reference = Enumerable.Range(0, ReferenceRows).Select(i => (i + 0.5) / ReferenceRows).Select(u => u - (2 * delta * Math.Min(u, 1 - u))).ToArray();
        var profile = Profile(reference, 1);
        var random = new Random(13);
        var (twoSample, banded) = (0, 0);
        for (var i = 0; i < windows; i++)
        {
            var window = Uniform(random, WindowRows);
            twoSample += Judge(profile, window, AsWritten).Drifted ? 1 : 0;
            banded += Judge(profile, window, new DriftSpec()).Drifted ? 1 : 0;
        }

        // The two-sample α averages over references; this one alone makes more than twice α of the windows drift.
        Assert.True((double)twoSample / windows > 2 * DriftThresholds.PValue, $"two-sample: {twoSample} of {windows}");
        Assert.InRange((double)banded / windows, 0, Allowed(DriftThresholds.PValue, windows));
    }

    [Fact]
    public void By_default_a_feature_of_a_three_feature_model_drifts_on_at_most_its_third_of_alpha()
    {
        const int pairs = 1_200;
        var drifted = Share(pairs, 14, random =>
        {
            var column = Profile(Uniform(random, ReferenceRows), 1).Features[0];
            var window = FixedHistogram.FromState(WindowData.Numeric(column, Uniform(random, WindowRows)).Histogram);
            return DriftEvaluator.Score(column, window, null, null, false, ReferenceBand.FeatureAlpha(3))!.Drifted;
        });

        Assert.InRange(drifted, 0, Allowed(DriftThresholds.PValue / 3, pairs));
    }

    [Fact]
    public void Two_samples_of_one_distribution_pass_the_skew_noise_floor_on_at_most_twice_alpha_of_the_windows()
    {
        // Served 1,440 rows against 300 learned, both U(0, 1) on the reference's ten decile bins (all used: 9 degrees of freedom). The
        // floor comes from the χ² approximation of the divergence, which is rough at these sizes: it holds α within a factor of two
        // (about 7 % at α = 5 %).
        const int pairs = 1_500;
        var edges = NumericHistogram.FromState(Profile(Uniform(new Random(15), ReferenceRows), 1).Features[0].Histogram).Edges;
        var floor = JensenShannon.NoiseFloor(WindowRows, 300, 9, DriftThresholds.PValue);
        var over = Share(pairs, 16, random =>
            JensenShannon.Distance(WindowData.Shares(WindowData.CountByEdges(edges, Uniform(random, WindowRows))), WindowData.Shares(WindowData.CountByEdges(edges, Uniform(random, 300)))) >= floor);

        Assert.InRange(over, 0, Allowed(2 * DriftThresholds.PValue, pairs));
    }

    /// <summary>The share of <paramref name="trials"/> seeded trials that come out true.</summary>
    private static double Share(int trials, int seed, Func<Random, bool> trial)
    {
        var random = new Random(seed);
        return (double)Enumerable.Range(0, trials).Count(_ => trial(random)) / trials;
    }

    /// <summary>α plus three binomial standard deviations of a rate over <paramref name="trials"/>.</summary>
    private static double Allowed(double alpha, int trials) => alpha + (3 * Math.Sqrt(alpha * (1 - alpha) / trials));

    private static double[] Uniform(Random random, int count) => Enumerable.Range(0, count).Select(_ => random.NextDouble()).ToArray();

    /// <summary>A CSV-like (exactly counted) profile of one feature x, as one of a model of <paramref name="features"/> features.</summary>
    private static ReferenceProfile Profile(double[] reference, int features) =>
        new(1, "csv", reference.Length, [ReferenceProfiler.Numeric("x", reference, 10)], null, null, ModelFeatures: features);

    private static ColumnDrift Judge(ReferenceProfile profile, double[] window, DriftSpec spec) =>
        DriftEvaluator.Evaluate(profile, [WindowData.Hourly(profile, 0, WindowData.Numeric(profile.Features[0], window))], spec)!.Features[0];
}
