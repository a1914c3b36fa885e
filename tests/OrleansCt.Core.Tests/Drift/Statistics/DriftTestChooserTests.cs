using OrleansCt.Core.Drift.Statistics;

namespace OrleansCt.Core.Tests.Drift.Statistics;

/// <summary>The automatic choice of drift-statistics.md ("Choosing a test automatically") on hand cases at each boundary.</summary>
public sealed class DriftTestChooserTests
{
    [Theory]
    [InlineData(FeatureKind.Numeric, 1_000, 6, "ksP", 0.05, true)]
    [InlineData(FeatureKind.Numeric, 1_000, 5, "chi2P", 0.05, true)]
    [InlineData(FeatureKind.Categorical, 200, 2, "chi2P", 0.05, true)]
    [InlineData(FeatureKind.Categorical, 1_000, 40, "chi2P", 0.05, true)]
    [InlineData(FeatureKind.Numeric, 1_001, 6, "wassersteinNormed", 0.1, false)]
    [InlineData(FeatureKind.Numeric, 50_000, 3, "jsDistance", 0.12, false)]
    [InlineData(FeatureKind.Categorical, 1_001, 2, "jsDistance", 0.12, false)]
    public void Rule_picks_the_documented_statistic_and_threshold(FeatureKind kind, long rows, long distinct, string statistic, double threshold, bool below)
    {
        Assert.Equal(new DriftTestChoice(statistic, threshold, below), DriftTestChooser.Choose(kind, rows, distinct));
    }

    [Fact]
    public void P_values_alert_strictly_below_and_distances_at_or_above()
    {
        var ks = DriftTestChooser.Choose(FeatureKind.Numeric, 500, 100);
        Assert.True(ks.Drifted(0.049));
        Assert.False(ks.Drifted(0.05));
        var wasserstein = DriftTestChooser.Choose(FeatureKind.Numeric, 5_000, 100);
        Assert.True(wasserstein.Drifted(0.1));
        Assert.False(wasserstein.Drifted(0.0999));
    }

    [Fact]
    public void A_model_drifts_when_at_least_half_its_features_do()
    {
        Assert.True(DriftTestChooser.ModelDrifted(2, 4));
        Assert.False(DriftTestChooser.ModelDrifted(1, 3));
        Assert.True(DriftTestChooser.ModelDrifted(2, 3));
    }

    [Fact]
    public void Default_thresholds_are_the_documented_ones()
    {
        Assert.Equal([0.12, 0.2, 0.1, 0.15, 0.1, 0.1, 0.05], new[] { DriftThresholds.JsDistance, DriftThresholds.Psi, DriftThresholds.PsiWatch, DriftThresholds.Hellinger, DriftThresholds.LInfinity, DriftThresholds.WassersteinNormed, DriftThresholds.PValue });
    }
}
