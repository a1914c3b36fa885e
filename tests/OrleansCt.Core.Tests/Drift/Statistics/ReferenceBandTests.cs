using OrleansCt.Core.Drift.Statistics;

namespace OrleansCt.Core.Tests.Drift.Statistics;

/// <summary>
/// The fixed-reference band's parts against scipy 1.10.1 (/usr/bin/python3):
/// <c>from scipy.stats import kstwo, chi2; from scipy.special import kolmogi, kolmogorov</c>, values printed with repr.
/// </summary>
public sealed class ReferenceBandTests
{
    /// <summary>Up to n = 140 the exact critical value, kstwo.isf(α, n).</summary>
    [Theory]
    [InlineData(1, 0.05, 0.975)]
    [InlineData(48, 0.05, 0.192207730347899)]
    [InlineData(48, 0.00625, 0.24061878880265086)]
    [InlineData(140, 0.0125, 0.133283324265268)]
    public void The_critical_value_of_a_small_sample_is_scipys_exact_one(long n, double alpha, double expected) =>
        Assert.Equal(expected, ReferenceBand.Critical(n, alpha), 1e-9);

    /// <summary>Above, the limiting distribution's kolmogi(α)/√n, which lies above the exact kstwo.isf(α, n) (conservative).</summary>
    [Theory]
    [InlineData(1000, 0.05 / 3, 0.048925919327474934, 0.04875199303438498)]
    [InlineData(1440, 0.05 / 3, 0.04077159943956244, 0.04065165428208326)]
    [InlineData(1440, 1e-5, 0.06510161033789306, 0.06496032351664088)]
    public void The_critical_value_of_a_large_sample_is_the_limits_and_not_below_the_exact_one(long n, double alpha, double limit, double exact)
    {
        var critical = ReferenceBand.Critical(n, alpha);
        Assert.Equal(limit, critical, 1e-9);
        Assert.True(critical >= exact);
    }

    [Theory]
    [InlineData(0.3, 0.9999906941986655)]
    [InlineData(0.8, 0.5441424115741981)]
    [InlineData(1.358, 0.05002679733444698)]
    [InlineData(2.5, 7.453306344157342e-06)]
    public void The_limiting_survival_is_scipys_kolmogorov(double lambda, double expected) =>
        DriftReference.Relative(expected, KolmogorovDistribution.Limit(lambda), 1e-12, $"Q({lambda})");

    [Theory]
    [InlineData(1, 0.05, 3.8414588206941285)]
    [InlineData(2, 0.05 / 3, 8.1886891244442)]
    [InlineData(6, 0.00625, 17.992885182607782)]
    [InlineData(10, 1e-6, 46.863046846784385)]
    public void The_chi_square_quantile_is_scipys_isf(int dof, double alpha, double expected) =>
        DriftReference.Relative(expected, ReferenceBand.ChiSquareQuantile(dof, alpha), 1e-9, $"χ²({dof}, {alpha})");

    [Fact]
    public void The_bands_add_the_reference_and_window_critical_values_and_the_reference_error()
    {
        // 1,000 reference rows, 1,440 window rows, α = 0.05/3 (the values above): 0.048925919… + 0.01 + 0.040771599…
        Assert.Equal(0.048925919327474934 + 0.01 + 0.04077159943956244, ReferenceBand.KsDistance(1_000, 1_440, 0.05 / 3, 0.01), 1e-9);

        // χ²₂(α = 0.05/3) = 8.1886891244442: √(8.18…/1000) + √(8.18…/1440).
        Assert.Equal(Math.Sqrt(8.1886891244442 / 1_000) + Math.Sqrt(8.1886891244442 / 1_440), ReferenceBand.ChiDistance(1_000, 1_440, 2, 0.05 / 3, 0), 1e-9);
        Assert.Equal(0.05 / 8, ReferenceBand.FeatureAlpha(8));
        Assert.Equal(0.05, ReferenceBand.FeatureAlpha(0));
    }
}
