using OrleansCt.Core.Drift.Statistics;
using OrleansCt.Core.Drift.Windows;
using OrleansCt.Core.Schema;

namespace OrleansCt.Core.Tests.Drift.Windows;

/// <summary>
/// The histogram statistics of a window (jsDistance, psi, hellinger, lInfinity, chi2, chi2P) are the statistic functions
/// (checked against scipy in ProbabilityDistanceTests and ChiSquareTests) of the shares and counts on the reference's bins.
/// </summary>
public sealed class HistogramStatisticTests
{
    private const double Exact = 1e-12;

    [Fact]
    public void A_numeric_windows_histogram_statistics_are_those_of_its_counts_on_the_reference_bins()
    {
        var reference = WindowData.Normal(11, 5_000);
        var window = WindowData.Normal(12, 2_000).Select(v => v + 0.5).ToArray();
        var column = ReferenceProfiler.Numeric("x", reference, 10);
        var profile = new ReferenceProfile(1, "test", reference.Length, [column], null, null);
        var buckets = window.Chunk(500).Select((values, i) => WindowData.Hourly(profile, i, WindowData.Numeric(column, values))).ToList();

        var scores = DriftEvaluator.Evaluate(profile, buckets, new DriftSpec())!.Features.Single().Scores;

        // Counted here by the documented rule (a value's bin is the number of edges at or below it), not by FixedHistogram.
        var edges = column.Histogram.Edges;
        var referenceCounts = WindowData.CountByEdges(edges, reference);
        var windowCounts = WindowData.CountByEdges(edges, window);
        Assert.Equal(referenceCounts, column.Histogram.Counts);
        Assert.Equal(5_000, referenceCounts.Sum());
        Assert.Equal(2_000, windowCounts.Sum());
        var (p, q) = (WindowData.Shares(referenceCounts), WindowData.Shares(windowCounts));
        var chi = ChiSquare.Test(referenceCounts, windowCounts);
        Assert.Equal(JensenShannon.Distance(p, q), scores.JsDistance, Exact);
        Assert.Equal(Psi.Compute(p, q), scores.Psi, Exact);
        Assert.Equal(Hellinger.Distance(p, q), scores.Hellinger, Exact);
        Assert.Equal(LInfinity.Distance(p, q), scores.LInfinity, Exact);
        Assert.Equal(chi.Statistic, scores.Chi2, Exact);
        Assert.Equal(chi.PValue, scores.Chi2P, Exact);
    }

    [Fact]
    public void A_categorical_windows_statistics_match_scipy_on_the_hand_counted_table()
    {
        // Reference a×50, b×30, c×20; window a×10, b×10, c×5 and d×5, which the reference never saw (the unseen bin).
        var reference = Enumerable.Repeat("a", 50).Concat(Enumerable.Repeat("b", 30)).Concat(Enumerable.Repeat("c", 20)).ToArray();
        var window = Enumerable.Repeat("a", 10).Concat(Enumerable.Repeat("b", 10)).Concat(Enumerable.Repeat("c", 5)).Concat(Enumerable.Repeat("d", 5)).ToArray();
        var column = ReferenceProfiler.Categorical("c", reference, null);
        var profile = new ReferenceProfile(1, "test", reference.Length, [column], null, null);

        var scores = DriftEvaluator.Evaluate(profile, [WindowData.Hourly(profile, 0, WindowData.Categorical(column, window))], new DriftSpec())!.Features.Single().Scores;

        // p = [0.5, 0.3, 0.2, 0], q = [1/3, 1/3, 1/6, 1/6]; lInfinity = max(1/6, 1/30, 1/30, 1/6) = 1/6. With /usr/bin/python3:
        //   from scipy.spatial.distance import jensenshannon; from scipy.stats import chi2_contingency; import numpy as np
        //   p = np.array([50, 30, 20, 0]) / 100; q = np.array([10, 10, 5, 5]) / 30
        //   jensenshannon(p, q, base=2)                                          -> 0.31171263525917253
        //   pp, qq = np.where(p > 0, p, 1e-4), np.where(q > 0, q, 1e-4); np.sum((qq - pp) * np.log(qq / pp))  -> 1.312855212800833
        //   np.sqrt(np.sum((np.sqrt(p) - np.sqrt(q)) ** 2)) / np.sqrt(2)         -> 0.3048766269890883
        //   chi2_contingency([[50, 30, 20, 0], [10, 10, 5, 5]], correction=False)[:2]  -> (18.272222222222226, 0.0003864920331841418)
        Assert.Equal([50L, 30L, 20L, 0L], column.Histogram.Counts);
        Assert.Equal(0.31171263525917253, scores.JsDistance, Exact);
        Assert.Equal(1.312855212800833, scores.Psi, Exact);
        Assert.Equal(0.3048766269890883, scores.Hellinger, Exact);
        Assert.Equal(1.0 / 6, scores.LInfinity, Exact);
        Assert.Equal(18.272222222222226, scores.Chi2, 1e-10);
        Assert.Equal(0.0003864920331841418, scores.Chi2P, 1e-13);
        Assert.Null(scores.KsD);
        Assert.Null(scores.WassersteinNormed);
    }
}
