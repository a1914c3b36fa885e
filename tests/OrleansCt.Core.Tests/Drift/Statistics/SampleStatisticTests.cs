using OrleansCt.Core.Drift.Statistics;

namespace OrleansCt.Core.Tests.Drift.Statistics;

/// <summary>Wasserstein and two-sample KS on raw samples against scipy 1.10.1 (both reference JSON files).</summary>
public sealed class SampleStatisticTests
{
    // Sums over sorted samples in a different order than numpy: agreement to rounding.
    private const double ClosedForm = 1e-12;

    // scipy sums the lattice recursion (exact) or the Durbin matrix power / Birnbaum-Tingey series (asymptotic) its own way; all agree to 1e-12 here.
    private const double IteratedPValue = 1e-10;

    public static TheoryData<string> SamplePairs => new() { "normal_shift_0.5", "normal_scale_2", "same" };

    public static TheoryData<string> KsCases => new() { "n30_vs_n30_same_dist", "n30_vs_n30_shift1", "n100_vs_n100_shift0.5", "n30_vs_n30_binary_ties", "n500_vs_n400_scale" };

    [Theory]
    [MemberData(nameof(SamplePairs))]
    public void Wasserstein_and_its_normed_form_match_scipy(string name)
    {
        var c = DriftReference.SamplePair(name);
        var (a, b) = (c.Doubles("a"), c.Doubles("b"));
        DriftReference.Near(c.Number("wasserstein"), Wasserstein.Distance(a, b), ClosedForm, $"{name} W1");
        DriftReference.Near(c.Number("wasserstein_normed_by_std_a_ddof0"), Wasserstein.Normed(a, b), ClosedForm, $"{name} wassersteinNormed");
    }

    [Theory]
    [MemberData(nameof(SamplePairs))]
    public void Ks_auto_on_the_drift_sample_pairs_matches_scipy(string name)
    {
        var c = DriftReference.SamplePair(name);
        var result = KolmogorovSmirnov.Test(c.Doubles("a"), c.Doubles("b"));
        DriftReference.Near(c.Number("ks_statistic"), result.D, ClosedForm, $"{name} ksD");
        DriftReference.Relative(c.Number("ks_pvalue_auto"), result.PValue, IteratedPValue, $"{name} ksP");
        Assert.Equal(KsMethod.Exact, result.Method);
    }

    [Theory]
    [MemberData(nameof(KsCases))]
    public void Ks_exact_asymptotic_and_auto_match_scipy(string name)
    {
        var c = DriftReference.KsCase(name);
        var (a, b) = (c.Doubles("a"), c.Doubles("b"));
        foreach (var (method, key) in new[] { (KsMethod.Exact, "exact"), (KsMethod.Asymptotic, "asymp"), (KsMethod.Auto, "auto") })
        {
            var expected = c.GetProperty(key);
            var result = KolmogorovSmirnov.Test(a, b, method);
            DriftReference.Near(expected.Number("statistic"), result.D, ClosedForm, $"{name} {key} ksD");
            DriftReference.Relative(expected.Number("pvalue"), result.PValue, IteratedPValue, $"{name} {key} ksP");
        }
    }

    [Fact]
    public void Ks_auto_is_exact_up_to_10000_values_and_asymptotic_above()
    {
        var small = Enumerable.Range(0, 10).Select(i => (double)i).ToArray();
        Assert.Equal(KsMethod.Exact, KolmogorovSmirnov.Test(small, small).Method);
        var large = Enumerable.Range(0, 10_001).Select(i => (double)i).ToArray();
        Assert.Equal(KsMethod.Asymptotic, KolmogorovSmirnov.Test(large, small).Method);
    }

    [Fact]
    public void Ks_of_disjoint_samples_is_one_with_the_hand_worked_exact_p_value()
    {
        // n = m = 3, all of a below all of b: D = 1, and only 2 of the C(6,3) = 20 orderings reach it, so p = 2/20 = 0.1.
        var result = KolmogorovSmirnov.Test([1, 2, 3], [4, 5, 6], KsMethod.Exact);
        Assert.Equal(1.0, result.D);
        Assert.Equal(0.1, result.PValue, 1e-15);
    }

    [Fact]
    public void Ks_exact_unequal_sizes_matches_a_hand_count()
    {
        // n = 2, m = 1, a = {1, 2}, b = {3}: D = 1. Of the 3 orderings, b first or last gives D = 1 and b between gives 1/2, so p = 2/3.
        var result = KolmogorovSmirnov.Test([1, 2], [3], KsMethod.Exact);
        Assert.Equal(1.0, result.D);
        Assert.Equal(2.0 / 3, result.PValue, 1e-15);
    }
}
