using System.Text.Json;
using OrleansCt.Core.Drift.Statistics;

namespace OrleansCt.Core.Tests.Drift.Statistics;

/// <summary>Against scipy 1.10.1's ks_2samp (method "auto") in tests/reference/vectors/scipy_reference_values.json.</summary>
public class KolmogorovSmirnovEqualSizesTests
{
    [Theory]
    [InlineData("n30_vs_n30_same_dist")]
    [InlineData("n30_vs_n30_shift1")]
    [InlineData("n100_vs_n100_shift0.5")]
    [InlineData("n30_vs_n30_binary_ties")]
    public void Exact_p_value_matches_scipy_auto(string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(OrleansCt.Testing.RepoFiles.PathOf("tests/reference/vectors/scipy_reference_values.json")));
        var item = doc.RootElement.GetProperty("ks_2samp").EnumerateArray().Single(e => e.GetProperty("case").GetString() == name);
        double[] Read(string key) => item.GetProperty(key).EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var auto = item.GetProperty("auto");

        var (statistic, pValue) = KolmogorovSmirnov.TwoSampleEqualSizes(Read("a"), Read("b"));

        Assert.Equal(auto.GetProperty("statistic").GetDouble(), statistic);
        Assert.Equal(auto.GetProperty("pvalue").GetDouble(), pValue, 1e-13);
    }

    [Fact]
    public void Identical_samples_have_p_value_one()
    {
        // D = 0, so h = 0 and scipy returns p = 1 without computing.
        Assert.Equal((0.0, 1.0), KolmogorovSmirnov.TwoSampleEqualSizes([1, 2, 3], [3, 2, 1]));
    }

    [Fact]
    public void Fully_separated_samples_of_three_have_p_value_one_tenth()
    {
        // D = 1: of the C(6,3) = 20 orderings only the 2 fully separated ones reach it, p = 2/20 = 0.1.
        var (statistic, pValue) = KolmogorovSmirnov.TwoSampleEqualSizes([1, 2, 3], [4, 5, 6]);
        Assert.Equal(1.0, statistic);
        Assert.Equal(0.1, pValue, 15);
    }
}
