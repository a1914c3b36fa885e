using MathNet.Numerics.Distributions;

namespace OrleansCt.Core.Evidence;

/// <summary>
/// The Wilcoxon signed-rank test on paired per-event losses (challenger − champion), as scipy.stats.wilcoxon with
/// <c>zero_method="wilcox"</c>: zero differences are dropped, the absolute differences ranked (ties share their mean rank), and
/// T = min(W+, W−). With at most 50 differences, none tied, the p-value is exact (the distribution of W+ counted over the 2ⁿ sign
/// patterns); otherwise the normal approximation with the tie correction of the variance, no continuity correction. Chosen over
/// the paired t-test because per-event losses (absolute or squared errors) are skewed and heavy-tailed, where the t-test's
/// normality of the mean difference comes late and a few outliers decide it; the signed-rank test needs only symmetry of the
/// differences under the null, which exchanging two versions' predictions on the same event gives.
/// </summary>
public static class WilcoxonSignedRankTest
{
    public const string Name = "wilcoxon";

    /// <summary>The most differences the exact distribution is counted for (scipy's limit for its exact method).</summary>
    public const int ExactLimit = 50;

    /// <param name="champion">The champion's loss per event.</param>
    /// <param name="challenger">The challenger's loss on the same events, in the same order.</param>
    public static PairedTestResult Test(IReadOnlyList<double> champion, IReadOnlyList<double> challenger)
    {
        ArgumentNullException.ThrowIfNull(champion);
        ArgumentNullException.ThrowIfNull(challenger);
        if (champion.Count != challenger.Count)
        {
            throw new ArgumentException($"champion has {champion.Count} losses and challenger {challenger.Count}; give one pair per event.", nameof(challenger));
        }

        var differences = new List<double>(champion.Count);
        for (var i = 0; i < champion.Count; i++)
        {
            var d = challenger[i] - champion[i];
            if (!double.IsFinite(d))
            {
                throw new ArgumentException($"the loss difference of pair {i} is {d}; losses must be finite.", nameof(challenger));
            }

            if (d != 0)
            {
                differences.Add(d);
            }
        }

        var n = differences.Count;
        if (n == 0)
        {
            return new PairedTestResult(Name, 0, 1, 0, 0);
        }

        var (ranks, ties) = Ranks(differences);
        double plus = 0, minus = 0;
        for (var i = 0; i < n; i++)
        {
            (differences[i] > 0 ? ref plus : ref minus) += ranks[i];
        }

        var t = Math.Min(plus, minus);

        // Lower losses are better: the challenger did better when its differences are mostly negative (W− > W+).
        var better = Math.Sign(minus - plus);
        var p = n <= ExactLimit && !ties.Any(c => c > 1) ? Exact(n, t) : Approximate(n, t, ties);
        return new PairedTestResult(Name, t, Math.Min(1, p), n, better);
    }

    /// <summary>2·P(W ≤ t) under the null, W+ counted over the sign patterns of ranks 1…n (t a whole number: no ties).</summary>
    private static double Exact(int n, double t)
    {
        var max = n * (n + 1) / 2;
        var counts = new double[max + 1];
        counts[0] = 1;
        for (var rank = 1; rank <= n; rank++)
        {
            for (var s = max; s >= rank; s--)
            {
                counts[s] += counts[s - rank];
            }
        }

        var below = 0.0;
        for (var s = 0; s <= (int)t; s++)
        {
            below += counts[s];
        }

        return 2 * below / Math.Pow(2, n);
    }

    private static double Approximate(int n, double t, IEnumerable<int> ties)
    {
        var mean = n * (n + 1) / 4.0;
        var variance = (n * (n + 1) * ((2.0 * n) + 1) / 24) - (ties.Sum(c => ((double)c * c * c) - c) / 48);
        if (variance <= 0)
        {
            return 1;
        }

        var z = (t - mean) / Math.Sqrt(variance);
        return 2 * Normal.CDF(0, 1, -Math.Abs(z));
    }

    /// <summary>Mean ranks of the absolute differences (1 = smallest), and the size of each group of equal ones.</summary>
    private static (double[] Ranks, List<int> Ties) Ranks(List<double> differences)
    {
        var order = Enumerable.Range(0, differences.Count).OrderBy(i => Math.Abs(differences[i])).ToArray();
        var ranks = new double[order.Length];
        var ties = new List<int>();
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && Math.Abs(differences[order[end + 1]]) == Math.Abs(differences[order[start]]))
            {
                end++;
            }

            var rank = (start + end + 2) / 2.0;
            for (var i = start; i <= end; i++)
            {
                ranks[order[i]] = rank;
            }

            ties.Add(end - start + 1);
            start = end + 1;
        }

        return (ranks, ties);
    }
}
