using OrleansCt.Core.Sketches;
using OrleansCt.Core.WindowSelection;

namespace OrleansCt.Core.Tests.WindowSelection;

/// <summary>The representative window on small cases worked by hand: drifted and out-of-reference rows left out, bins filled in the reference's proportions.</summary>
public sealed class RepresentativeWindowTests
{
    // Edges 0, 10, 20: strata underflow, [0, 10), [10, 20), overflow, missing. Reference shares 0, 0.75, 0.25, 0, 0.
    private static readonly FixedHistogramState Reference = new(false, [0, 10, 20], [], [0, 3, 1, 0], 0);

    // Rows 1–4 and 13 lie in [0, 10), rows 6–9 in [10, 20); 0 and 5 are excluded; 10 overflows, 11 underflows, 12 is missing.
    private static readonly double[] Values = [1, 2, 3, 4, 5, 11, 12, 13, 14, 15, 25, -1, double.NaN, 6];

    private static readonly bool[] Excluded = [.. Values.Select((_, r) => r is 0 or 5)];

    [Fact]
    public void Bins_are_filled_in_the_reference_proportions_from_eligible_rows_only()
    {
        for (var seed = 0; seed < 20; seed++)
        {
            var sample = RepresentativeWindow.Choose([new StratificationFeature("x", Values, Reference)], Excluded, 4, new Random(seed));

            // 4 × 0.75 = 3 rows from [0, 10), 4 × 0.25 = 1 from [10, 20); exactly the reference's shares.
            Assert.Equal(4, sample.Rows.Length);
            Assert.Equal(3, sample.Rows.Count(r => r is 1 or 2 or 3 or 4 or 13));
            Assert.Equal(1, sample.Rows.Count(r => r is 6 or 7 or 8 or 9));
            Assert.Equal(9, sample.Eligible);
            Assert.Equal(0, sample.Features[0].TotalVariation, 12);
            Assert.Equal(sample.Rows.Order(), sample.Rows);
        }
    }

    [Fact]
    public void A_bin_short_of_rows_gives_all_it_has_and_the_rest_go_to_the_others()
    {
        var sample = RepresentativeWindow.Choose([new StratificationFeature("x", Values, Reference)], Excluded, 8, new Random(1));

        // Quotas 6 and 2; [0, 10) has only 5 eligible rows, so λ = (8 − 5) / 0.25 = 12 gives [10, 20) 12 × 0.25 = 3 (of its 4).
        // Sample shares 5/8 and 3/8 against 0.75 and 0.25: total variation ½ (0.125 + 0.125) = 0.125, the least any 8 rows allow.
        Assert.Equal([1, 2, 3, 4, 13], sample.Rows.Where(r => r is 1 or 2 or 3 or 4 or 13));
        Assert.Equal(3, sample.Rows.Count(r => r is 6 or 7 or 8 or 9));
        Assert.Equal(0.125, sample.Features[0].TotalVariation, 12);
        Assert.Equal([0, 0.625, 0.375, 0, 0], sample.Features[0].SampleShares);
    }

    [Fact]
    public void Asking_for_more_than_the_eligible_rows_gives_every_eligible_row()
    {
        var sample = RepresentativeWindow.Choose([new StratificationFeature("x", Values, Reference)], Excluded, 20, new Random(1));

        Assert.Equal([1, 2, 3, 4, 6, 7, 8, 9, 13], sample.Rows);
        // Raked to 0.75 / 0.25: the five rows of [0, 10) weigh 0.75 · 9 / 5 = 1.35, the four of [10, 20) 0.25 · 9 / 4 = 0.5625;
        // (Σw)² / Σw² = 9² / (5 · 1.35² + 4 · 0.5625²) = 81 / 10.378125 = 7.805.
        Assert.Equal(7.804878, sample.EffectiveRows, 6);
        Assert.Equal(
            "9 of 14 rows (asked for 20; only 9 are eligible): 2 left out as drifted, 3 outside the reference's strata; stratified on x (total variation 0.1944); the weights' effective size (Kish) is 7.8 rows.",
            sample.Reason);
    }

    [Fact]
    public void Raking_weights_decide_which_rows_of_a_bin_are_drawn_with_the_hand_worked_probabilities()
    {
        // Feature a splits the four rows 2 / 2 as its reference does (0.5 / 0.5); feature b's reference wants 0.8 / 0.2 of what is
        // 0.5 / 0.5 here. Raking multiplies b's first bin by 1.6 and its second by 0.4, which leaves a's shares as they are:
        // weights (1.6, 0.4, 1.6, 0.4). One row per a-bin; within a's first bin rows 0 and 1 are drawn with 1.6 / 2 = 0.8 and 0.2.
        var a = new StratificationFeature("a", [0.5, 0.5, 1.5, 1.5], new FixedHistogramState(false, [0, 1, 2], [], [0, 5, 5, 0], 0));
        var b = new StratificationFeature("b", [0.5, 1.5, 0.5, 1.5], new FixedHistogramState(false, [0, 1, 2], [], [0, 8, 2, 0], 0));
        var none = new bool[4];
        var firstDrawn = 0;
        const int Draws = 2_000;
        for (var seed = 0; seed < Draws; seed++)
        {
            var sample = RepresentativeWindow.Choose([a, b], none, 2, new Random(seed));
            Assert.Equal(2, sample.Rows.Length);
            Assert.Single(sample.Rows, r => r is 0 or 1);
            firstDrawn += sample.Rows.Contains(0) ? 1 : 0;
            // Factors all 1 in the second sweep.
            Assert.Equal(2, sample.RakingSweeps);
        }

        // Binomial(2,000, 0.8): mean 1,600, sd √(2,000 · 0.8 · 0.2) = 17.9; ±4 sd.
        Assert.InRange(firstDrawn, 1_600 - 72, 1_600 + 72);
    }

    [Fact]
    public void With_every_row_excluded_the_sample_is_empty()
    {
        var sample = RepresentativeWindow.Choose([new StratificationFeature("x", Values, Reference)], [.. Values.Select(_ => true)], 4, new Random(1));

        Assert.Empty(sample.Rows);
        Assert.Equal(0, sample.Eligible);
        Assert.Equal(0, sample.EffectiveRows);
    }

    [Fact]
    public void A_reference_that_is_not_numeric_names_the_feature()
    {
        var categorical = new FixedHistogramState(true, [], ["p", "q"], [1, 1, 0], 0);

        var error = Assert.Throws<ArgumentException>(() => RepresentativeWindow.Choose([new StratificationFeature("c", [1, 2], categorical)], [false, false], 1, new Random(0)));

        Assert.StartsWith("features[0].Reference is not a numeric reference histogram", error.Message);
    }
}
