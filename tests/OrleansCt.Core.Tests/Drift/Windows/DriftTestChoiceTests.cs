using OrleansCt.Core.Drift.Statistics;
using OrleansCt.Core.Drift.Windows;
using OrleansCt.Core.Schema;

namespace OrleansCt.Core.Tests.Drift.Windows;

/// <summary>Which statistic decides a feature's drift (drift-statistics.md, "Choosing a test automatically"), per-feature settings, and skew.</summary>
public sealed class DriftTestChoiceTests
{
    /// <summary>x continuous, flag numeric with two values, c categorical with three; rows cycle a, b, c.</summary>
    private static ReferenceProfile Profile(int rows) => new(1, "test", rows,
        [
            ReferenceProfiler.Numeric("x", WindowData.Normal(3, rows), 10),
            ReferenceProfiler.Numeric("flag", Enumerable.Range(0, rows).Select(i => (double)(i % 2)).ToArray(), 10),
            ReferenceProfiler.Categorical("c", Enumerable.Range(0, rows).Select(i => "abc"[i % 3].ToString()).ToArray(), null),
        ],
        null,
        null);

    private static BucketSummary Window(ReferenceProfile profile, double[] x, string[]? c = null) => WindowData.Hourly(
        profile,
        0,
        WindowData.Numeric(profile.Features[0], x),
        WindowData.Numeric(profile.Features[1], x.Select((_, i) => (double)(i % 2))),
        WindowData.Categorical(profile.Features[2], c ?? x.Select((_, i) => "abc"[i % 3].ToString())));

    private static ColumnDrift[] Evaluate(ReferenceProfile profile, BucketSummary bucket, DriftSpec? spec = null) =>
        DriftEvaluator.Evaluate(profile, [bucket], spec ?? new DriftSpec())!.Features;

    // The fixed-reference band (ReferenceBand) at α = 0.05 over the profile's 3 features, for a window of 300 rows, by scipy 1.10.1:
    //   from scipy.special import kolmogi; from scipy.stats import chi2; import math; a = 0.05 / 3; m = 300
    //   for n in (500, 1000): en = n*m/(n+m); c = kolmogi(a); print(c/math.sqrt(n) + c/math.sqrt(m),
    //       *(en*(math.sqrt(chi2.isf(a, k)/n) + math.sqrt(chi2.isf(a, k)/m))**2 for k in (1, 2)))
    //   -> 500: 0.15851779753894032 11.280291030375354 16.11735327600475; 1000: 0.13825201820192828 10.56048430489597 15.08888873960623
    // (flag uses 2 bins, one degree of freedom; c uses 3, two.)
    [Theory]
    [InlineData(500, StatisticNames.KsD, StatisticNames.Chi2, 0.15851779753894032, 11.280291030375354, 16.11735327600475)]
    [InlineData(1_000, StatisticNames.KsD, StatisticNames.Chi2, 0.13825201820192828, 10.56048430489597, 15.08888873960623)]
    [InlineData(1_001, StatisticNames.WassersteinNormed, StatisticNames.JsDistance, 0.1, 0.12, 0.12)]
    [InlineData(5_000, StatisticNames.WassersteinNormed, StatisticNames.JsDistance, 0.1, 0.12, 0.12)]
    public void A_reference_of_at_most_1000_rows_gets_tests_against_the_fixed_reference_and_a_larger_one_distances(
        int rows, string continuous, string discrete, double xThreshold, double flagThreshold, double cThreshold)
    {
        var profile = Profile(rows);

        var drifts = Evaluate(profile, Window(profile, WindowData.Normal(4, 300)));

        // A numeric feature with at most 5 distinct values is tested like a categorical one. Every verdict is a distance at or above its
        // threshold; for the small references the p-values are still reported beside it.
        Assert.Equal([continuous, discrete, discrete], drifts.Select(d => d.Statistic));
        Assert.All(drifts, d => Assert.False(d.AlertsBelow));
        Assert.Equal(xThreshold, drifts[0].Threshold, 1e-9);
        Assert.Equal(flagThreshold, drifts[1].Threshold, 1e-9);
        Assert.Equal(cThreshold, drifts[2].Threshold, 1e-9);
        Assert.All(drifts, d => Assert.Equal(d.Scores.Get(d.Statistic), d.Score));
        Assert.NotNull(drifts[0].Scores.KsP);
    }

    [Fact]
    public void A_feature_group_splits_alpha_over_all_the_models_features()
    {
        var profile = Profile(500);
        var group = profile.Slice(1, 2);
        var window = Window(profile, WindowData.Normal(4, 300));
        var grouped = DriftEvaluator.Evaluate(group, [window.Slice(1, 2)], new DriftSpec())!.Features;

        // The slice holds flag and c, but α is still split three ways: the same thresholds as in the whole model.
        Assert.Equal((3, 2), (group.FeatureCount, group.Features.Length));
        Assert.Equal(Evaluate(profile, window).Skip(1).Select(d => d.Threshold), grouped.Select(d => d.Threshold));
    }

    [Fact]
    public void A_chunk_threshold_counts_only_on_the_statistic_it_was_computed_on()
    {
        var profile = Profile(500);
        var spec = new DriftSpec { ReferenceChunkThresholds = true };
        ReferenceProfile With(string? statistic) => profile with { Features = [profile.Features[0] with { ChunkThreshold = 0.3, ChunkStatistic = statistic }, .. profile.Features[1..]] };
        double ThresholdOfX(ReferenceProfile p) => Evaluate(p, Window(p, WindowData.Normal(4, 300)), spec)[0].Threshold;

        // On ksD (what a chunk threshold is computed on now), it replaces the band; stored before the statistic was recorded it was on
        // the p-value of that time, so the band (0.1585… for 500 against 300 rows, above) stands.
        Assert.Equal(0.3, ThresholdOfX(With(StatisticNames.KsD)));
        Assert.Equal(0.15851779753894032, ThresholdOfX(With(null)), 1e-9);
        Assert.Equal(0.15851779753894032, ThresholdOfX(With(StatisticNames.KsP)), 1e-9);
    }

    [Fact]
    public void A_per_feature_setting_overrides_the_statistic_and_the_threshold()
    {
        var profile = Profile(5_000);
        var spec = new DriftSpec
        {
            Features = new Dictionary<string, FeatureDriftSpec>
            {
                ["x"] = new() { Statistic = StatisticNames.Psi, Threshold = 0.3 },
                ["flag"] = new() { Threshold = 0.5 },
                ["c"] = new() { Statistic = StatisticNames.Hellinger },
            },
        };

        var drifts = Evaluate(profile, Window(profile, WindowData.Normal(4, 300)), spec);

        // x: psi at 0.3; flag: the automatic statistic (jsDistance) at 0.5; c: hellinger at its default 0.15.
        Assert.Equal(
            [(StatisticNames.Psi, 0.3), (StatisticNames.JsDistance, 0.5), (StatisticNames.Hellinger, 0.15)],
            drifts.Select(d => (d.Statistic, d.Threshold)));
        Assert.Equal(drifts[0].Scores.Psi, drifts[0].Score);
        Assert.Equal(drifts[2].Scores.Hellinger, drifts[2].Score);
        Assert.All(drifts, d => Assert.False(d.AlertsBelow));
    }

    [Fact]
    public void A_small_reference_drifts_beyond_its_band_and_a_setting_of_the_p_value_keeps_it_as_written()
    {
        var profile = Profile(500);
        var reference = WindowData.Normal(3, 500);
        var shiftedC = Enumerable.Repeat("a", 500).ToArray();

        var shifted = Evaluate(profile, Window(profile, reference.Select(v => v + 1).ToArray(), shiftedC));
        var same = Evaluate(profile, Window(profile, reference));
        var asWritten = new DriftSpec { Features = new Dictionary<string, FeatureDriftSpec> { ["x"] = new() { Statistic = StatisticNames.KsP }, ["c"] = new() { Statistic = StatisticNames.Chi2P } } };
        var written = Evaluate(profile, Window(profile, reference.Select(v => v + 1).ToArray(), shiftedC), asWritten);

        // c: reference a×167, b×167, c×166 (i % 3 over 0..499), window a×500; the unseen bin is empty in both. With /usr/bin/python3:
        //   from scipy.stats import chi2_contingency; chi2_contingency([[167, 167, 166], [500, 0, 0]], correction=False)[:2]
        //   -> (499.2503748125937, 3.88292109554148e-109)
        // A shift of one standard deviation moves D far past the band (≈ 0.14 for 500 against 500 rows).
        Assert.Equal((StatisticNames.KsD, false, true), (shifted[0].Statistic, shifted[0].AlertsBelow, shifted[0].Drifted));
        Assert.True(shifted[0].Scores.KsP < 0.05);
        Assert.Equal((StatisticNames.Chi2, true), (shifted[2].Statistic, shifted[2].Drifted));
        Assert.Equal(499.2503748125937, shifted[2].Score, 1e-9);
        Assert.Equal(1, shifted[2].Scores.Chi2P / 3.88292109554148e-109, 1e-9);

        // Named in a setting, the p-value decides at its default 0.05 as before.
        Assert.Equal((StatisticNames.KsP, true, true, 0.05), (written[0].Statistic, written[0].AlertsBelow, written[0].Drifted, written[0].Threshold));
        Assert.Equal((StatisticNames.Chi2P, true, 0.05), (written[2].Statistic, written[2].Drifted, written[2].Threshold));
        Assert.Equal(1, written[2].Score / 3.88292109554148e-109, 1e-9);

        // The reference's own values: nothing moved, p well above 0.05.
        Assert.All(same, d => Assert.False(d.Drifted));
        Assert.All(same, d => Assert.True((d.Scores.KsP ?? d.Scores.Chi2P) >= 0.05));
    }

    [Theory]
    [InlineData(99, 0, false)]
    [InlineData(100, 0, true)]
    [InlineData(50, 50, true)]
    public void Skew_is_judged_once_the_training_window_holds_100_learned_rows(int firstBucket, int secondBucket, bool judged)
    {
        var column = ReferenceProfiler.Numeric("x", WindowData.Normal(3, 5_000), 10);
        var profile = new ReferenceProfile(1, "test", 5_000, [column], null, null);
        var served = new[] { WindowData.Normal(5, 300), WindowData.Normal(6, 300) };
        var learned = new[] { WindowData.Normal(7, firstBucket).Select(v => v + 1).ToArray(), WindowData.Normal(8, secondBucket).Select(v => v + 1).ToArray() };
        // Hours 0 and 1 are the training window (what the champion learned from); hours 2 and 3, which learned nothing, the window served.
        var training = Enumerable.Range(0, 2).Select(b => WindowData.Hourly(profile, b, WindowData.Numeric(column, WindowData.Normal(9 + b, 300))) with
        {
            Trained = [WindowData.Numeric(column, learned[b]).Histogram],
        }).ToList();
        var window = Enumerable.Range(0, 2).Select(b => WindowData.Hourly(profile, b + 2, WindowData.Numeric(column, served[b])) with
        {
            Trained = [WindowData.Numeric(column, []).Histogram],
        }).ToList();

        var skew = DriftEvaluator.Evaluate(profile, window, new DriftSpec(), training)!.Skew;
        Assert.Empty(DriftEvaluator.Evaluate(profile, window, new DriftSpec())!.Skew);

        if (!judged)
        {
            Assert.Empty(skew);
            return;
        }

        // Served rows against learned rows, both counted by hand on the reference's edges.
        var edges = column.Histogram.Edges;
        var p = WindowData.Shares(WindowData.CountByEdges(edges, served.SelectMany(v => v)));
        var q = WindowData.Shares(WindowData.CountByEdges(edges, learned.SelectMany(v => v)));
        var s = Assert.Single(skew);
        Assert.Equal(("x", StatisticNames.JsDistance, 100L), (s.Name, s.Statistic, s.Rows));
        Assert.Equal(JensenShannon.Distance(p, q), s.Score, 1e-12);

        // The threshold is 0.12 or, if higher, the two samples' noise floor √(χ²_dof(0.05)·(1/600 + 1/100)/(8 ln 2)), dof the bins
        // either sample uses less one: here all 12 bins, and scipy's chi2.isf(0.05, 11) = 19.67513757268249.
        var used = WindowData.CountByEdges(edges, served.SelectMany(v => v)).Zip(WindowData.CountByEdges(edges, learned.SelectMany(v => v))).Count(c => c.First + c.Second > 0);
        Assert.Equal(12, used);
        Assert.Equal(Math.Sqrt(19.67513757268249 * ((1.0 / 600) + (1.0 / 100)) / (8 * Math.Log(2))), s.Threshold, 1e-9);
        Assert.Equal(s.Score >= s.Threshold, s.Drifted);
        Assert.True(s.Drifted);
    }
}
