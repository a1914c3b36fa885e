using System.Text.Json;
using OrleansCt.Core.Evidence;
using OrleansCt.Testing;

namespace OrleansCt.Core.Tests.Evidence;

/// <summary>
/// The paired tests of a challenger against its champion, against a worked example and scipy 1.10.1's values on the same counts
/// and losses (tests/reference/vectors/paired_tests_scipy.py writes them).
/// </summary>
public sealed class PairedTestsScipyTests
{
    private static readonly Lazy<JsonElement> Reference = new(() =>
        JsonDocument.Parse(File.ReadAllText(RepoFiles.PathOf("tests/reference/vectors/paired_tests_scipy.json"))).RootElement);

    [Fact]
    public void McNemar_by_hand_three_against_nine()
    {
        // n = 12, k = 3: P(X ≤ 3) = (1 + 12 + 66 + 220) / 4096 = 299/4096, P(X = 3) = 220/4096.
        // Exact: 2 × 299/4096 = 598/4096; mid-p: 598/4096 − 220/4096 = 378/4096 (MathNet's binomial CDF, through the incomplete
        // beta function, is within 1e-14 of these fractions).
        var mid = McNemarTest.MidP(3, 9);
        Assert.Equal(378.0 / 4096, mid.PValue, 1e-13);
        Assert.Equal(598.0 / 4096, McNemarTest.Exact(3, 9).PValue, 1e-13);
        Assert.Equal((3.0, 12L, 1), (mid.Statistic, mid.Pairs, mid.Better));
        Assert.Equal(-1, McNemarTest.MidP(9, 3).Better);
    }

    [Fact]
    public void McNemar_matches_scipy_exact_and_mid_p()
    {
        foreach (var c in Reference.Value.GetProperty("mcnemar").EnumerateArray())
        {
            var (b, challenger) = (c.GetProperty("b").GetInt64(), c.GetProperty("c").GetInt64());
            Assert.Equal(c.GetProperty("exact").GetDouble(), McNemarTest.Exact(b, challenger).PValue, 1e-12);
            Assert.Equal(c.GetProperty("midP").GetDouble(), McNemarTest.MidP(b, challenger).PValue, 1e-12);
        }
    }

    [Fact]
    public void The_mid_p_is_never_above_the_exact_p()
    {
        for (var b = 0; b <= 30; b++)
        {
            for (var c = 0; c <= 30; c++)
            {
                Assert.True(McNemarTest.MidP(b, c).PValue <= McNemarTest.Exact(b, c).PValue);
            }
        }
    }

    [Fact]
    public void Wilcoxon_matches_scipy_exact_and_approximate()
    {
        foreach (var c in Reference.Value.GetProperty("wilcoxon").EnumerateArray())
        {
            var champion = c.GetProperty("champion").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            var challenger = c.GetProperty("challenger").EnumerateArray().Select(v => v.GetDouble()).ToArray();

            var result = WilcoxonSignedRankTest.Test(champion, challenger);

            var name = c.GetProperty("name").GetString();
            Assert.True(c.GetProperty("statistic").GetDouble() == result.Statistic, $"{name}: T {result.Statistic}, scipy {c.GetProperty("statistic").GetDouble()}");
            Assert.True(Math.Abs(c.GetProperty("pValue").GetDouble() - result.PValue) <= 1e-12, $"{name}: p {result.PValue}, scipy {c.GetProperty("pValue").GetDouble()}");
            Assert.Equal(c.GetProperty("nonZero").GetInt64(), result.Pairs);
        }
    }

    [Fact]
    public void Wilcoxon_by_hand_on_four_pairs()
    {
        // Differences (challenger − champion) 1, −2, 3, 4: ranks 1, 2, 3, 4; W+ = 8, W− = 2, T = 2. Of the 16 sign patterns,
        // W+ ≤ 2 in three ({}, {1}, {2}): p = 2 × 3/16 = 0.375. The champion's losses are lower on most: it did better.
        var result = WilcoxonSignedRankTest.Test([0, 2, 0, 0], [1, 0, 3, 4]);

        Assert.Equal((2.0, 0.375, 4L, -1), (result.Statistic, result.PValue, result.Pairs, result.Better));
        var same = WilcoxonSignedRankTest.Test([1, 2], [1, 2]);
        Assert.Equal((0.0, 1.0, 0L), (same.Statistic, same.PValue, same.Pairs));
    }
}
