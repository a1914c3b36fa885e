using OrleansCt.Training.Validation;

namespace OrleansCt.Training.Tests.Gate;

/// <summary>How many of the newest labelled rows are held out: round(fraction × rows) in [min, max], at most rows / 2, 0 below twice the minimum.</summary>
public sealed class HoldoutRowsTests
{
    [Theory]
    [InlineData(1_000, 200)] // round(0.2 × 1,000) = 200, inside [50, 5,000], ≤ 500.
    [InlineData(100_000, 5_000)] // 20,000 clamped down to 5,000, ≤ 50,000.
    [InlineData(25_000, 5_000)] // 5,000 exactly: the maximum.
    [InlineData(25_003, 5_000)] // round(5,000.6) = 5,001, clamped down to 5,000.
    [InlineData(120, 50)] // round(24) = 24, clamped up to 50, ≤ 120 / 2 = 60.
    [InlineData(252, 50)] // round(50.4) = 50.
    [InlineData(253, 51)] // round(50.6) = 51.
    [InlineData(101, 50)] // round(20.2) = 20, clamped up to 50, ≤ 101 / 2 = 50.
    [InlineData(100, 50)] // 100 = 2 × 50, the fewest rows: round(20) = 20, clamped up to 50, ≤ 50.
    [InlineData(99, 0)] // 99 / 2 = 49 < 50: too few rows to train.
    [InlineData(1, 0)]
    [InlineData(0, 0)]
    public void The_defaults_hold_out_a_fifth_between_50_and_5000_rows(int rows, int expected)
    {
        Assert.Equal(expected, new GateSpec().HoldoutRows(rows));
    }

    [Fact]
    public void The_fewest_labelled_rows_is_twice_the_minimum_held_out()
    {
        Assert.Equal(100, new GateSpec().MinimumLabelledRows);
        Assert.Equal(20, new GateSpec(MinHoldoutRows: 10).MinimumLabelledRows);
    }

    [Theory]
    [InlineData(50)]
    [InlineData(10)]
    [InlineData(1)]
    public void Holding_out_starts_exactly_at_the_fewest_labelled_rows(int minHoldoutRows)
    {
        var spec = new GateSpec(MinHoldoutRows: minHoldoutRows);

        Assert.Equal(0, spec.HoldoutRows(spec.MinimumLabelledRows - 1));
        Assert.Equal(minHoldoutRows, spec.HoldoutRows(spec.MinimumLabelledRows));
    }

    [Fact]
    public void Never_more_than_half_the_rows_are_held_out()
    {
        // Fraction 0.5 of 1,001 rows: round(500.5) = 501 (halves up), but 1,001 / 2 = 500 is the most.
        Assert.Equal(500, new GateSpec(HoldoutFraction: 0.5).HoldoutRows(1_001));
    }

    [Fact]
    public void A_half_rounds_up_as_written()
    {
        // 0.1 × 25 = 2.5 → 3 (banker's rounding would give 2), inside [1, 5,000] and ≤ 12.
        Assert.Equal(3, new GateSpec(HoldoutFraction: 0.1, MinHoldoutRows: 1).HoldoutRows(25));
    }

    [Fact]
    public void A_lower_maximum_caps_the_held_out_rows()
    {
        // round(0.2 × 10,000) = 2,000, clamped down to 300.
        Assert.Equal(300, new GateSpec(MaxHoldoutRows: 300).HoldoutRows(10_000));
    }

    [Fact]
    public void A_bad_fraction_is_refused_naming_it_before_counting()
    {
        var error = Assert.Throws<GateSpecException>(() => new GateSpec(HoldoutFraction: 0.7).HoldoutRows(1_000));

        Assert.Equal("gate.holdoutFraction", error.Field);
    }

    [Fact]
    public void A_negative_row_count_is_a_programming_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GateSpec().HoldoutRows(-1));
    }
}
