using OrleansCt.Training.Validation;

namespace OrleansCt.Training.Tests.Gate;

/// <summary>Infrastructure and latency come first; a candidate without the metric is rejected; every failure is reported.</summary>
public sealed class ValidationGateInfrastructureTests
{
    [Fact]
    public void An_artifact_that_did_not_load_is_rejected_and_the_metric_checks_are_still_reported()
    {
        var infra = new InfrastructureCheck(false, "input column nswprice is String in the artifact but Single in the schema", 0, 0);

        var decision = ValidationGate.Decide(new GateSpec(Floor: 0.7), ModelTask.Binary, infra, GateInputs.Classification(0.8), GateInputs.Classification(0.75), "2");

        Assert.False(decision.Passed);
        Assert.Equal(
            new GateReason("infrastructure", false, "the artifact did not load back: input column nswprice is String in the artifact but Single in the schema"),
            decision.Reasons[0]);
        // Nothing was timed, so there is no latency reason; the floor and the change passed and say so.
        Assert.Equal(["infrastructure", "floor", "change"], decision.Reasons.Select(r => r.Check));
        Assert.True(decision.Reasons[1].Passed);
        Assert.True(decision.Reasons[2].Passed);
        Assert.Equal("rejected: the artifact did not load back: input column nswprice is String in the artifact but Single in the schema", decision.Summary);
    }

    [Fact]
    public void An_artifact_that_loaded_with_a_problem_is_rejected()
    {
        var infra = new InfrastructureCheck(true, "the pipeline has no Score column", 200, 0.01);

        var decision = ValidationGate.Decide(new GateSpec(), ModelTask.Regression, infra, GateInputs.Regression(3), null, null);

        Assert.False(decision.Passed);
        Assert.Equal("the artifact loaded back but failed its check: the pipeline has no Score column", decision.Reasons[0].Text);
        Assert.Equal("latency", decision.Reasons[1].Check);
    }

    [Fact]
    public void An_artifact_that_did_not_load_and_gave_no_reason_says_so()
    {
        var decision = ValidationGate.Decide(new GateSpec(), ModelTask.Binary, new InfrastructureCheck(false, null, 0, 0), GateInputs.Classification(0.9), null, null);

        Assert.Equal("rejected: the artifact did not load back: no reason was given", decision.Summary);
    }

    [Theory]
    [InlineData(0.3, null, false, "scoring 200 sample rows took 300.0 ms, over the limit of 250 ms")] // 300 > 250 (the default).
    [InlineData(0.25, null, true, "scoring 200 sample rows took 250.0 ms, within the limit of 250 ms")] // 250 ≤ 250.
    [InlineData(0.3, 500.0, true, "scoring 200 sample rows took 300.0 ms, within the limit of 500 ms")] // 300 ≤ 500.
    [InlineData(0.0101, 10.0, false, "scoring 200 sample rows took 10.1 ms, over the limit of 10 ms")] // 10.1 > 10.
    public void Scoring_the_sample_slower_than_the_limit_is_rejected(double seconds, double? limitMs, bool passed, string text)
    {
        var infra = new InfrastructureCheck(true, null, 200, seconds);

        var decision = ValidationGate.Decide(new GateSpec(MaxLatencyMs: limitMs), ModelTask.Binary, infra, GateInputs.Classification(0.9), null, null);

        Assert.Equal(passed, decision.Passed);
        var latency = decision.Reasons[1];
        Assert.Equal(("latency", passed, text), (latency.Check, latency.Passed, latency.Text));
        Assert.Equal(seconds * 1000, latency.Value);
        Assert.Equal(limitMs ?? 250, latency.Threshold);
    }

    [Fact]
    public void A_latency_that_was_not_measured_is_rejected()
    {
        var infra = new InfrastructureCheck(true, null, 200, double.NaN);

        var decision = ValidationGate.Decide(new GateSpec(), ModelTask.Binary, infra, GateInputs.Classification(0.9), null, null);

        Assert.False(decision.Passed);
        Assert.Equal("rejected: the time to score the sample rows was not measured (got NaN s)", decision.Summary);
    }

    [Fact]
    public void A_candidate_without_the_metric_is_rejected_and_nothing_is_compared()
    {
        // No held-out row was scored: 5 predictions were not finite numbers, so accuracy is null.
        var candidate = GateInputs.Classification(null, count: 0, unscored: 5);

        var decision = ValidationGate.Decide(new GateSpec(Floor: 0.5), ModelTask.Binary, GateInputs.Loaded, candidate, GateInputs.Classification(0.8), "2");

        Assert.False(decision.Passed);
        Assert.Null(decision.Candidate);
        Assert.Equal(0.8, decision.Champion);
        Assert.Equal(
            new GateReason("metric", false, "the candidate has no accuracy: 0 held-out rows scored (5 rows had a prediction that is not a finite number)"),
            decision.Reasons[2]);
        Assert.Equal(3, decision.Reasons.Count);
        Assert.Equal("rejected: the candidate has no accuracy: 0 held-out rows scored (5 rows had a prediction that is not a finite number)", decision.Summary);
    }

    [Fact]
    public void A_metric_that_is_not_a_finite_number_counts_as_missing()
    {
        var decision = ValidationGate.Decide(new GateSpec(Metric: "r2"), ModelTask.Regression, GateInputs.Loaded, GateInputs.Regression(1, r2: double.NaN, count: 1), null, null);

        Assert.False(decision.Passed);
        Assert.Equal("the candidate has no r2: 1 held-out row scored", decision.Reasons[2].Text);
    }

    [Fact]
    public void Every_failure_is_reported_and_the_summary_names_the_others()
    {
        // A problem, 400 ms against 250, accuracy 0.6 under the floor 0.7 and 0.2 worse than the champion's 0.8.
        var infra = new InfrastructureCheck(true, "the pipeline has no Score column", 200, 0.4);

        var decision = ValidationGate.Decide(new GateSpec(Floor: 0.7), ModelTask.Binary, infra, GateInputs.Classification(0.6), GateInputs.Classification(0.8), null);

        Assert.False(decision.Passed);
        Assert.All(decision.Reasons, r => Assert.False(r.Passed));
        Assert.Equal(
            "rejected: the artifact loaded back but failed its check: the pipeline has no Score column; also failed: latency, floor, change",
            decision.Summary);
    }

    [Fact]
    public void A_spec_that_does_not_fit_the_task_is_refused_before_deciding()
    {
        var error = Assert.Throws<GateSpecException>(() =>
            ValidationGate.Decide(new GateSpec(Metric: "auc"), ModelTask.Regression, GateInputs.Loaded, GateInputs.Regression(1), null, null));

        Assert.Equal("gate.metric", error.Field);
    }
}
