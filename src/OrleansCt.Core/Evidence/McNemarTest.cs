using MathNet.Numerics.Distributions;

namespace OrleansCt.Core.Evidence;

/// <summary>
/// McNemar's test for two classifiers scored on the same events, from the discordant pairs only: <c>b</c> events the champion got
/// right and the challenger wrong, <c>c</c> the reverse. Under the null each discordant pair goes either way with probability ½,
/// so min(b, c) is Binomial(b + c, ½). The exact two-sided p-value, 2·P(X ≤ k), is conservative on small counts (its size is
/// well below α); the <b>mid-p</b> version counts half the probability of the observed k, 2·[P(X ≤ k) − ½·P(X = k)], and holds α
/// closely (Fagerland, Lydersen and Laake, 2013, "The McNemar test for binary matched-pairs data: mid-p and asymptotic are
/// better than exact conditional"). Both are capped at 1.
/// </summary>
public static class McNemarTest
{
    public const string Name = "mcnemarMidP";

    /// <param name="championOnly">Events only the champion answered correctly (b).</param>
    /// <param name="challengerOnly">Events only the challenger answered correctly (c).</param>
    public static PairedTestResult MidP(long championOnly, long challengerOnly)
    {
        var (n, k) = Counts(championOnly, challengerOnly);
        var p = n == 0 ? 1 : Math.Min(1, (2 * Binomial.CDF(0.5, (int)n, k)) - Binomial.PMF(0.5, (int)n, (int)k));
        return new PairedTestResult(Name, k, p, n, Math.Sign(challengerOnly - championOnly));
    }

    /// <summary>The exact conditional (binomial) version, 2·P(X ≤ k) capped at 1: the conservative reference the mid-p improves on.</summary>
    public static PairedTestResult Exact(long championOnly, long challengerOnly)
    {
        var (n, k) = Counts(championOnly, challengerOnly);
        var p = n == 0 ? 1 : Math.Min(1, 2 * Binomial.CDF(0.5, (int)n, k));
        return new PairedTestResult("mcnemarExact", k, p, n, Math.Sign(challengerOnly - championOnly));
    }

    private static (long N, long K) Counts(long b, long c)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(b);
        ArgumentOutOfRangeException.ThrowIfNegative(c);
        if (b + c > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(b), b + c, "at most 2,147,483,647 discordant pairs");
        }

        return (b + c, Math.Min(b, c));
    }
}
