using MathNet.Numerics;
using OrleansCt.Core.Drift.Statistics;

namespace OrleansCt.Core.Tests.Drift.Statistics;

/// <summary>Chi-square without Yates against scipy 1.10.1's chi2_contingency(correction=False) and against hand-worked z-tests.</summary>
public sealed class ChiSquareTests
{
    // The statistic is a closed form; the p-value is a regularised incomplete gamma, computed by MathNet and cephes alike to ~1e-14.
    private const double ClosedForm = 1e-12;
    private const double PValue = 1e-10;

    public static TheoryData<string> Tables => new() { "2x3", "2x4_new_category_absent_in_ref", "2x2" };

    [Theory]
    [MemberData(nameof(Tables))]
    public void Statistic_p_value_and_dof_match_scipy_without_correction(string name)
    {
        var c = DriftReference.ContingencyTable(name);
        var rows = c.GetProperty("counts").EnumerateArray().Select(r => r.EnumerateArray().Select(x => x.GetInt64()).ToArray()).ToArray();
        var result = ChiSquare.Test(rows[0], rows[1]);
        DriftReference.Near(c.Number("chi2_no_correction"), result.Statistic, ClosedForm, $"{name} chi2");
        DriftReference.Relative(c.Number("p_no_correction"), result.PValue, PValue, $"{name} chi2P");
        Assert.Equal(c.GetProperty("dof").GetInt32(), result.DegreesOfFreedom);
    }

    [Fact]
    public void Two_by_two_equals_the_squared_two_proportion_z()
    {
        // 90/100 against 70/100: pooled 0.8, z = 0.2 / sqrt(0.8·0.2·(1/100 + 1/100)) = 0.2 / sqrt(0.0032), z² = 12.5 exactly;
        // two-sided p = 2·(1 − Φ(z)) = erfc(z/√2) = erfc(2.5).
        var result = ChiSquare.Test([90, 10], [70, 30]);
        Assert.Equal(12.5, result.Statistic, 1e-12);
        DriftReference.Relative(SpecialFunctions.Erfc(2.5), result.PValue, 1e-12, "p of z² = 12.5");

        // 30/50 against 20/50: pooled 0.5, z = 0.2 / sqrt(0.25·0.04) = 2, so χ² = 4 (and by hand: 4 cells of 5²/25).
        Assert.Equal(4.0, ChiSquare.Test([30, 20], [20, 30]).Statistic, 1e-12);
    }

    [Fact]
    public void Bins_empty_in_both_windows_are_left_out()
    {
        var withEmpty = ChiSquare.Test([30, 50, 0, 20], [25, 45, 0, 40]);
        var without = ChiSquare.Test([30, 50, 20], [25, 45, 40]);
        Assert.Equal(without, withEmpty);
    }
}
