using OrleansCt.Core.WindowSelection;

namespace OrleansCt.Core.Tests.WindowSelection;

/// <summary>The dynamic window's rule: lowest mean holdout loss, ties within one standard error of the paired differences to the larger window. Every number worked by hand.</summary>
public sealed class DynamicWindowRuleTests
{
    [Fact]
    public void A_clear_winner_is_chosen_and_its_standard_error_is_the_sample_sd_over_root_n()
    {
        double[][] losses =
        [
            [1, 1, 1, 1],
            [0.25, 0.5, 0.25, 0.5],
            [1, 1.25, 1, 1.25],
        ];

        var choice = DynamicWindowRule.Choose([100, 200, 400], losses);

        Assert.Equal(200, choice.BestLength);
        Assert.Equal(200, choice.ChosenLength);
        Assert.Equal(4, choice.HoldoutRows);
        // Mean 0.375, deviations ±0.125: Σ squares 0.0625, sd = √(0.0625 / 3) = 0.144338, over √4: 0.072169.
        Assert.Equal(0.375, choice.Candidates[1].MeanLoss, 12);
        Assert.Equal(0.0721687836, choice.Candidates[1].StandardError, 9);
        // 400 minus 200 is 0.75 on every row: the difference has no spread, so 0.75 is far outside one standard error (0).
        Assert.Equal(0.75, choice.Candidates[2].DifferenceFromBest, 12);
        Assert.Equal(0, choice.Candidates[2].DifferenceStandardError, 12);
        Assert.False(choice.Candidates[2].WithinOneStandardError);
        Assert.Equal(0, choice.Candidates[0].StandardError);
        Assert.Equal(
            "window 200 has the lowest mean loss, 0.375; larger windows lose by more than one standard error: 400 by 0.75 (SE 0).",
            choice.Reason);
    }

    [Fact]
    public void A_larger_window_within_one_standard_error_of_a_smaller_best_wins()
    {
        double[][] losses =
        [
            [0.5, 0.3, 0.6, 0.2],
            [0.6, 0.2, 0.8, 0.2],
        ];

        var choice = DynamicWindowRule.Choose([1_000, 4_000], losses);

        Assert.Equal(1_000, choice.BestLength);
        Assert.Equal(4_000, choice.ChosenLength);
        var large = choice.Chosen;
        // Means 0.4 and 0.45. Differences d = (0.1, −0.1, 0.2, 0), mean 0.05, deviations (0.05, −0.15, 0.15, −0.05):
        // Σ squares 0.05, sd = √(0.05 / 3) = 0.129099, over √4: 0.064550 ≥ 0.05.
        Assert.Equal(0.45, large.MeanLoss, 12);
        Assert.Equal(0.05, large.DifferenceFromBest, 12);
        Assert.Equal(0.0645497224, large.DifferenceStandardError, 9);
        Assert.True(large.WithinOneStandardError);
        // Its own standard error: deviations (0.15, −0.25, 0.35, −0.25), Σ squares 0.27, √(0.27 / 3) / 2 = 0.15.
        Assert.Equal(0.15, large.StandardError, 12);
        Assert.Equal(
            "window 1,000 has the lowest mean loss, 0.4; window 4,000 is chosen: its mean loss 0.45 is 0.05 above, within one standard error (0.06455, of the paired per-row differences), and ties go to the larger window.",
            choice.Reason);
    }

    [Fact]
    public void The_standard_error_is_of_the_paired_differences_so_a_consistent_loss_on_every_row_is_no_tie()
    {
        // Row difficulty varies a lot (shared by both), the larger window is worse on almost every row.
        double[][] losses =
        [
            [0.1, 0.5, 0.9, 1.3],
            [0.2, 0.6, 1.1, 1.3],
        ];

        var choice = DynamicWindowRule.Choose([2_000, 8_000], losses);

        // The best's own SE: deviations (−0.6, −0.2, 0.2, 0.6), √(0.8 / 3) / 2 = 0.258199 — a rule on it would call 0.1 a tie.
        Assert.Equal(0.2581988897, choice.Candidates[0].StandardError, 9);
        // The paired one: d = (0.1, 0.1, 0.2, 0), mean 0.1, deviations (0, 0, 0.1, −0.1), √(0.02 / 3) / 2 = 0.040825 < 0.1.
        Assert.Equal(0.0408248290, choice.Candidates[1].DifferenceStandardError, 9);
        Assert.False(choice.Candidates[1].WithinOneStandardError);
        Assert.Equal(2_000, choice.ChosenLength);
    }

    [Fact]
    public void Equal_losses_go_to_the_larger_window_and_the_best_is_the_shorter()
    {
        double[] same = [0.3, 0.1, 0.2];

        var choice = DynamicWindowRule.Choose([3_000, 500, 1_000], [same, same, same]);

        Assert.Equal(500, choice.BestLength);
        Assert.Equal(3_000, choice.ChosenLength);
        Assert.All(choice.Candidates, c => Assert.True(c.WithinOneStandardError));
    }

    [Fact]
    public void The_largest_window_within_one_standard_error_is_chosen_even_past_one_that_is_not()
    {
        double[][] losses =
        [
            [0.2, 0.4],
            [0.9, 1.1],
            [0.3, 0.38],
        ];

        var choice = DynamicWindowRule.Choose([1_000, 2_000, 4_000], losses);

        // 4,000 against 1,000: d = (0.1, −0.02), mean 0.04, deviations ±0.06: sd √(0.0072 / 1) = 0.084853, over √2: 0.06 ≥ 0.04.
        Assert.Equal(0.04, choice.Candidates[2].DifferenceFromBest, 12);
        Assert.Equal(0.06, choice.Candidates[2].DifferenceStandardError, 12);
        Assert.Equal(4_000, choice.ChosenLength);
        Assert.False(choice.Candidates[1].WithinOneStandardError);
    }

    [Fact]
    public void Holdouts_of_different_lengths_name_the_candidate()
    {
        var error = Assert.Throws<ArgumentException>(() => DynamicWindowRule.Choose([10, 20], [[0.1, 0.2, 0.3], [0.1, 0.2]]));

        Assert.Equal("losses", error.ParamName);
        Assert.StartsWith("losses[1] has 2 rows; every candidate needs the same holdout rows", error.Message);
    }

    [Fact]
    public void A_non_finite_loss_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => DynamicWindowRule.Choose([10], [[0.1, double.PositiveInfinity]]));

        Assert.StartsWith("losses[0][1] is Infinity", error.Message);
    }
}
