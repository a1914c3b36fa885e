using OrleansCt.Training.Validation;

namespace OrleansCt.Training.Tests.Gate;

/// <summary>The change against the champion, absolute and relative, in the metric's direction; skipped when there is nothing to compare with.</summary>
public sealed class ValidationGateChangeTests
{
    private static GateDecision Binary(GateSpec spec, double candidate, double? champion, string? version = null) =>
        ValidationGate.Decide(spec, ModelTask.Binary, GateInputs.Loaded, GateInputs.Classification(candidate), GateInputs.Classification(champion), version);

    private static GateDecision Regression(GateSpec spec, double candidate, double? champion) =>
        ValidationGate.Decide(spec, ModelTask.Regression, GateInputs.Loaded, GateInputs.Regression(candidate), GateInputs.Regression(champion), "4");

    [Fact]
    public void A_better_candidate_passes_and_the_summary_names_the_champion_and_the_difference()
    {
        // 0.8123 − 0.79 = +0.0223; the worsening is its negative.
        var decision = Binary(new GateSpec(), 0.8123, 0.79, "3");

        Assert.True(decision.Passed);
        Assert.Equal(0.79, decision.Champion);
        var change = decision.Reasons.Single(r => r.Check == "change");
        Assert.Equal("accuracy 0.8123 is 0.0223 better than champion version 3's 0.7900", change.Text);
        Assert.Equal(-0.0223, change.Value!.Value, 12);
        Assert.Equal(0, change.Threshold);
        Assert.Equal("passed: accuracy 0.8123 against champion version 3's 0.7900 (+0.0223) on 1,200 held-out rows", decision.Summary);
    }

    [Fact]
    public void An_equal_value_passes_with_the_default_of_no_worsening()
    {
        var decision = Binary(new GateSpec(), 0.79, 0.79);

        Assert.True(decision.Passed);
        Assert.Equal(new GateReason("change", true, "accuracy 0.7900 equals the champion's 0.7900", 0, 0), decision.Reasons[2]);
        Assert.Equal("passed: accuracy 0.7900 against the champion's 0.7900 (+0.0000) on 1,200 held-out rows", decision.Summary);
    }

    [Fact]
    public void A_worse_candidate_is_rejected_by_default()
    {
        // 0.79 − 0.78 = 0.01 worse, more than the default 0.
        var decision = Binary(new GateSpec(), 0.78, 0.79);

        Assert.False(decision.Passed);
        Assert.Equal("rejected: accuracy 0.7800 is 0.0100 worse than the champion's 0.7900, more than the allowed 0", decision.Summary);
    }

    [Theory]
    [InlineData(0.78, 0.79, 0.01, true)] // 0.79 − 0.78 = 0.01, as allowed (in binary it is 0.010000000000000009).
    [InlineData(0.7, 0.8, 0.1, true)] // 0.8 − 0.7 = 0.1 (in binary 0.10000000000000009).
    [InlineData(0.78, 0.79, 0.005, false)] // 0.01 > 0.005.
    [InlineData(0.78, 0.79, 0.00999, false)] // 0.01 > 0.00999: a real difference of 0.00001 still counts.
    [InlineData(0.785, 0.79, 0.01, true)] // 0.005 ≤ 0.01.
    public void Worsening_up_to_the_allowed_amount_passes_as_written_in_decimal(double candidate, double champion, double allowed, bool passed)
    {
        var decision = Binary(new GateSpec(MaxWorsening: allowed), candidate, champion);

        Assert.Equal(passed, decision.Passed);
        Assert.Equal(passed, decision.Reasons.Single(r => r.Check == "change").Passed);
    }

    [Fact]
    public void A_lower_is_better_metric_is_worse_when_it_rises()
    {
        // rmse: candidate 10 against champion 9 is 1 worse: rejected with 0.5 allowed, passed with 1.
        var rejected = Regression(new GateSpec(MaxWorsening: 0.5), 10, 9);
        var passed = Regression(new GateSpec(MaxWorsening: 1), 10, 9);

        Assert.False(rejected.Passed);
        Assert.Equal(new GateReason("change", false, "rmse 10.0000 is 1.0000 worse than champion version 4's 9.0000, more than the allowed 0.5", 1, 0.5), rejected.Reasons[2]);
        Assert.True(passed.Passed);
        Assert.Equal("rmse 10.0000 is 1.0000 worse than champion version 4's 9.0000, within the allowed 1", passed.Reasons[2].Text);
    }

    [Fact]
    public void A_lower_is_better_metric_is_better_when_it_falls()
    {
        // rmse 8 against 9: 1 better (worsening −1), and the summary shows the raw difference 8 − 9 = −1.
        var decision = Regression(new GateSpec(), 8, 9);

        Assert.True(decision.Passed);
        Assert.Equal(-1, decision.Reasons[2].Value);
        Assert.Equal("passed: rmse 8.0000 against champion version 4's 9.0000 (-1.0000) on 1,200 held-out rows", decision.Summary);
    }

    [Fact]
    public void A_champion_without_the_metric_skips_the_change()
    {
        // The gate judges auc; the champion's metrics hold accuracy only.
        var champion = GateInputs.Classification(0.8);
        var decision = ValidationGate.Decide(
            new GateSpec(Metric: "auc", MaxRelativeWorsening: 0.01), ModelTask.Binary, GateInputs.Loaded, GateInputs.Classification(0.8, auc: 0.9), champion, "2");

        Assert.True(decision.Passed);
        Assert.Null(decision.Champion);
        Assert.Equal(
            [
                new GateReason("change", true, "skipped: the champion has no auc on these rows"),
                new GateReason("relativeChange", true, "skipped: the champion has no auc on these rows"),
            ],
            decision.Reasons.Skip(2));
        Assert.Equal("passed: auc 0.9000 on 1,200 held-out rows; the champion has no auc on these rows", decision.Summary);
    }

    [Fact]
    public void With_no_champion_the_relative_change_is_skipped_too()
    {
        var decision = ValidationGate.Decide(new GateSpec(MaxRelativeWorsening: 0.01), ModelTask.Regression, GateInputs.Loaded, GateInputs.Regression(3), null, null);

        Assert.True(decision.Passed);
        Assert.Equal(new GateReason("relativeChange", true, "skipped: there is no champion to compare with"), decision.Reasons[3]);
    }

    [Fact]
    public void Without_a_relative_limit_there_is_no_relative_reason()
    {
        Assert.DoesNotContain(Regression(new GateSpec(), 8, 9).Reasons, r => r.Check == "relativeChange");
    }

    [Theory]
    [InlineData(0.005, false)] // 1 / 100 = 0.01 > 0.005.
    [InlineData(0.01, true)] // 0.01 ≤ 0.01.
    [InlineData(0.02, true)] // 0.01 ≤ 0.02.
    public void Rmse_101_against_100_is_one_percent_worse(double allowed, bool passed)
    {
        // The absolute change (1) is allowed up to 5, so only the relative check decides.
        var decision = Regression(new GateSpec(MaxWorsening: 5, MaxRelativeWorsening: allowed), 101, 100);

        Assert.Equal(passed, decision.Passed);
        var relative = decision.Reasons.Single(r => r.Check == "relativeChange");
        Assert.Equal(passed, relative.Passed);
        Assert.Equal(0.01, relative.Value);
        Assert.Equal(allowed, relative.Threshold);
        Assert.True(decision.Reasons.Single(r => r.Check == "change").Passed);
    }

    [Fact]
    public void The_relative_reason_says_the_percentages()
    {
        var rejected = Regression(new GateSpec(MaxWorsening: 5, MaxRelativeWorsening: 0.005), 101, 100);
        var passed = Regression(new GateSpec(MaxWorsening: 5, MaxRelativeWorsening: 0.02), 101, 100);
        var better = Regression(new GateSpec(MaxRelativeWorsening: 0.02), 98, 100);

        Assert.Equal("rejected: rmse 101.0000 is 1 % worse than champion version 4's 100.0000, more than the allowed 0.5 %", rejected.Summary);
        Assert.Equal("rmse 101.0000 is 1 % worse than champion version 4's 100.0000, within the allowed 2 %", passed.Reasons[3].Text);
        Assert.Equal("rmse 98.0000 is 2 % better than champion version 4's 100.0000", better.Reasons[3].Text);
    }

    [Fact]
    public void A_higher_is_better_metric_is_relatively_worse_when_it_falls()
    {
        // accuracy 0.79 against 0.8: 0.01 worse (allowed up to 0.02), 0.01 / 0.8 = 0.0125 > 0.01 relative: rejected.
        var decision = Binary(new GateSpec(MaxWorsening: 0.02, MaxRelativeWorsening: 0.01), 0.79, 0.8);

        Assert.False(decision.Passed);
        Assert.True(decision.Reasons[2].Passed);
        Assert.False(decision.Reasons[3].Passed);
        Assert.Equal(0.0125, decision.Reasons[3].Value!.Value, 12);
    }

    [Fact]
    public void A_negative_champion_is_compared_by_its_magnitude()
    {
        // R² −0.6 against −0.5: −0.5 − (−0.6) = 0.1 worse, 0.1 / |−0.5| = 0.2 > 0.1 relative: rejected.
        var decision = ValidationGate.Decide(
            new GateSpec(Metric: "r2", MaxWorsening: 1, MaxRelativeWorsening: 0.1), ModelTask.Regression, GateInputs.Loaded,
            GateInputs.Regression(5, r2: -0.6), GateInputs.Regression(5, r2: -0.5), null);

        Assert.False(decision.Passed);
        Assert.Equal(0.2, decision.Reasons[3].Value!.Value, 12);
        Assert.Equal("rejected: r2 -0.6000 is 20 % worse than the champion's -0.5000, more than the allowed 10 %", decision.Summary);
    }

    [Fact]
    public void A_champion_value_of_zero_skips_the_relative_change()
    {
        // R² 0 for both: the change is 0 (passed); a change relative to 0 is not defined.
        var decision = ValidationGate.Decide(
            new GateSpec(Metric: "r2", MaxRelativeWorsening: 0.1), ModelTask.Regression, GateInputs.Loaded,
            GateInputs.Regression(5, r2: 0), GateInputs.Regression(5, r2: 0), null);

        Assert.True(decision.Passed);
        Assert.Equal(new GateReason("relativeChange", true, "skipped: the champion's r2 is 0, so a change relative to it is not defined"), decision.Reasons[3]);
    }
}
