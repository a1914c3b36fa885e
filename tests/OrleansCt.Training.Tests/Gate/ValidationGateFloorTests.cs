using OrleansCt.Training.Validation;

namespace OrleansCt.Training.Tests.Gate;

/// <summary>The floor: at least it for a metric where higher is better, at most it where lower is; equal passes.</summary>
public sealed class ValidationGateFloorTests
{
    [Fact]
    public void Accuracy_above_the_floor_passes_and_with_no_champion_the_change_is_skipped()
    {
        var decision = ValidationGate.Decide(new GateSpec(Floor: 0.7), ModelTask.Binary, GateInputs.Loaded, GateInputs.Classification(0.8123), null, null);

        Assert.True(decision.Passed);
        Assert.Equal("accuracy", decision.Metric);
        Assert.Equal(0.8123, decision.Candidate);
        Assert.Null(decision.Champion);
        Assert.Equal(
            [
                new GateReason("infrastructure", true, "the artifact loaded back and scored 200 sample rows"),
                new GateReason("latency", true, "scoring 200 sample rows took 12.0 ms, within the limit of 250 ms", 12, 250),
                new GateReason("floor", true, "accuracy 0.8123 on 1,200 held-out rows is at least the floor 0.7", 0.8123, 0.7),
                new GateReason("change", true, "skipped: there is no champion to compare with"),
            ],
            decision.Reasons);
        Assert.Equal("passed: accuracy 0.8123 on 1,200 held-out rows; there is no champion to compare with", decision.Summary);
    }

    [Fact]
    public void Accuracy_below_the_floor_is_rejected()
    {
        var decision = ValidationGate.Decide(new GateSpec(Floor: 0.7), ModelTask.Binary, GateInputs.Loaded, GateInputs.Classification(0.61), null, null);

        Assert.False(decision.Passed);
        Assert.Equal(new GateReason("floor", false, "accuracy 0.6100 on 1,200 held-out rows is below the floor 0.7", 0.61, 0.7), decision.Reasons[2]);
        Assert.Equal("rejected: accuracy 0.6100 on 1,200 held-out rows is below the floor 0.7", decision.Summary);
    }

    [Fact]
    public void Accuracy_equal_to_the_floor_passes()
    {
        // 7 right of 10 is 7.0 / 10, the double nearest 0.7, the same as the floor written 0.7.
        var decision = ValidationGate.Decide(new GateSpec(Floor: 0.7), ModelTask.Multiclass, GateInputs.Loaded, GateInputs.Classification(7.0 / 10, count: 10), null, null);

        Assert.True(decision.Passed);
        Assert.Equal("accuracy 0.7000 on 10 held-out rows is at least the floor 0.7", decision.Reasons[2].Text);
    }

    [Fact]
    public void A_value_just_below_the_floor_is_printed_in_full_rather_than_as_the_floor()
    {
        // 0.69999 rounds to 0.7000 at four places, which would read as if it met the floor 0.7.
        var decision = ValidationGate.Decide(new GateSpec(Floor: 0.7), ModelTask.Binary, GateInputs.Loaded, GateInputs.Classification(0.69999), null, null);

        Assert.False(decision.Passed);
        Assert.Equal("accuracy 0.69999 on 1,200 held-out rows is below the floor 0.7", decision.Reasons[2].Text);
    }

    [Fact]
    public void Rmse_at_most_the_floor_passes_because_lower_is_better()
    {
        var decision = ValidationGate.Decide(new GateSpec(Floor: 12), ModelTask.Regression, GateInputs.Loaded, GateInputs.Regression(10), null, null);

        Assert.True(decision.Passed);
        Assert.Equal("rmse", decision.Metric);
        Assert.Equal(new GateReason("floor", true, "rmse 10.0000 on 1,200 held-out rows is at most the floor 12 (lower rmse is better)", 10, 12), decision.Reasons[2]);
    }

    [Fact]
    public void Rmse_above_the_floor_is_rejected()
    {
        var decision = ValidationGate.Decide(new GateSpec(Floor: 12), ModelTask.Regression, GateInputs.Loaded, GateInputs.Regression(13), null, null);

        Assert.False(decision.Passed);
        Assert.Equal("rejected: rmse 13.0000 on 1,200 held-out rows is above the floor 12 (lower rmse is better)", decision.Summary);
    }

    [Fact]
    public void Log_loss_is_judged_lower_is_better()
    {
        // log loss 0.45 against a floor of 0.4: 0.45 > 0.4, rejected; 0.35 ≤ 0.4, passed.
        var spec = new GateSpec(Metric: "logLoss", Floor: 0.4);

        Assert.False(ValidationGate.Decide(spec, ModelTask.Binary, GateInputs.Loaded, GateInputs.Classification(0.9, logLoss: 0.45), null, null).Passed);
        Assert.True(ValidationGate.Decide(spec, ModelTask.Binary, GateInputs.Loaded, GateInputs.Classification(0.9, logLoss: 0.35), null, null).Passed);
    }

    [Fact]
    public void R2_is_judged_higher_is_better_and_may_have_a_negative_floor()
    {
        // R² −0.3 against a floor of −0.5: −0.3 ≥ −0.5, passed; −0.6 < −0.5, rejected.
        var spec = new GateSpec(Metric: "r2", Floor: -0.5);

        Assert.True(ValidationGate.Decide(spec, ModelTask.Regression, GateInputs.Loaded, GateInputs.Regression(5, r2: -0.3), null, null).Passed);
        Assert.False(ValidationGate.Decide(spec, ModelTask.Regression, GateInputs.Loaded, GateInputs.Regression(5, r2: -0.6), null, null).Passed);
    }

    [Fact]
    public void With_no_floor_there_is_no_floor_reason()
    {
        var decision = ValidationGate.Decide(new GateSpec(), ModelTask.Binary, GateInputs.Loaded, GateInputs.Classification(0.1), null, null);

        Assert.True(decision.Passed);
        Assert.Equal(["infrastructure", "latency", "change"], decision.Reasons.Select(r => r.Check));
    }
}
