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

    [Theory]
    [InlineData(500, StatisticNames.KsP, StatisticNames.Chi2P)]
    [InlineData(1_000, StatisticNames.KsP, StatisticNames.Chi2P)]
    [InlineData(1_001, StatisticNames.WassersteinNormed, StatisticNames.JsDistance)]
    [InlineData(5_000, StatisticNames.WassersteinNormed, StatisticNames.JsDistance)]
    public void A_reference_of_at_most_1000_rows_gets_p_value_tests_and_a_larger_one_distances(int rows, string continuous, string discrete)
    {
        var profile = Profile(rows);

        var drifts = Evaluate(profile, Window(profile, WindowData.Normal(4, 300)));

        // A numeric feature with at most 5 distinct values is tested like a categorical one.
        Assert.Equal([continuous, discrete, discrete], drifts.Select(d => d.Statistic));
        var small = rows <= 1_000;
        Assert.All(drifts, d => Assert.Equal(small, d.AlertsBelow));
        Assert.Equal(small ? 0.05 : 0.1, drifts[0].Threshold);
        Assert.Equal(small ? 0.05 : 0.12, drifts[2].Threshold);
        Assert.All(drifts, d => Assert.Equal(d.Scores.Get(d.Statistic), d.Score));
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
    public void A_p_value_drifts_below_its_threshold()
    {
        var profile = Profile(500);
        var reference = WindowData.Normal(3, 500);

        var shifted = Evaluate(profile, Window(profile, reference.Select(v => v + 1).ToArray(), Enumerable.Repeat("a", 500).ToArray()));
        var same = Evaluate(profile, Window(profile, reference));

        // c: reference a×167, b×167, c×166 (i % 3 over 0..499), window a×500; the unseen bin is empty in both. With /usr/bin/python3:
        //   from scipy.stats import chi2_contingency; chi2_contingency([[167, 167, 166], [500, 0, 0]], correction=False)[:2]
        //   -> (499.2503748125937, 3.88292109554148e-109)
        Assert.Equal((StatisticNames.KsP, true, true), (shifted[0].Statistic, shifted[0].AlertsBelow, shifted[0].Drifted));
        Assert.True(shifted[0].Score < 0.05);
        Assert.Equal((StatisticNames.Chi2P, true), (shifted[2].Statistic, shifted[2].Drifted));
        Assert.Equal(499.2503748125937, shifted[2].Scores.Chi2, 1e-9);
        Assert.Equal(1, shifted[2].Score / 3.88292109554148e-109, 1e-9);

        // The reference's own values: nothing moved, p well above 0.05.
        Assert.All(same, d => Assert.False(d.Drifted));
        Assert.All(same, d => Assert.True(d.Score >= 0.05));
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
        Assert.Equal(("x", StatisticNames.JsDistance, 0.12, 100L), (s.Name, s.Statistic, s.Threshold, s.Rows));
        Assert.Equal(JensenShannon.Distance(p, q), s.Score, 1e-12);
        Assert.Equal(s.Score >= 0.12, s.Drifted);
    }
}
