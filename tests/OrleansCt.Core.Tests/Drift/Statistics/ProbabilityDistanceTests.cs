using OrleansCt.Core.Drift.Statistics;

namespace OrleansCt.Core.Tests.Drift.Statistics;

/// <summary>JS, PSI, Hellinger and L-infinity against scipy 1.10.1 (drift_statistics_reference.json); closed forms, so 1e-12.</summary>
public sealed class ProbabilityDistanceTests
{
    private const double ClosedForm = 1e-12;

    public static TheoryData<string> Cases => new() { "identical", "mild", "strong", "disjoint", "with_empty_bin" };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Jensen_shannon_distance_divergence_and_natural_log_match_scipy(string name)
    {
        var c = DriftReference.DistributionPair(name);
        var (p, q) = (c.Doubles("reference"), c.Doubles("current"));
        DriftReference.Near(c.Number("js_distance_base2"), JensenShannon.Distance(p, q), ClosedForm, $"{name} jsDistance");
        DriftReference.Near(c.Number("js_divergence_base2"), JensenShannon.Divergence(p, q), ClosedForm, $"{name} divergence");
        DriftReference.Near(c.Number("js_distance_ln"), JensenShannon.NaturalDistance(p, q), ClosedForm, $"{name} natural-log distance");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Psi_hellinger_and_l_infinity_match_the_reference(string name)
    {
        var c = DriftReference.DistributionPair(name);
        var (p, q) = (c.Doubles("reference"), c.Doubles("current"));
        DriftReference.Near(c.Number("psi_eps_1e-4"), Psi.Compute(p, q), ClosedForm, $"{name} psi");
        DriftReference.Near(c.Number("hellinger"), Hellinger.Distance(p, q), ClosedForm, $"{name} hellinger");
        DriftReference.Near(c.Number("l_infinity"), LInfinity.Distance(p, q), ClosedForm, $"{name} lInfinity");
    }

    [Fact]
    public void Evidently_and_vertex_thresholds_convert_to_ours()
    {
        // drift-statistics.md: Evidently's natural-log 0.1 is our 0.120 (÷ sqrt(ln 2)); Vertex's divergence 0.3 is our sqrt(0.3) = 0.548.
        Assert.Equal(0.120, 0.1 / Math.Sqrt(Math.Log(2)), 3);
        Assert.Equal(0.548, Math.Sqrt(0.3), 3);
    }

    [Fact]
    public void Shares_over_different_bins_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => JensenShannon.Distance([0.5, 0.5], [1.0]));
        Assert.Contains("same bins", e.Message);
    }
}
