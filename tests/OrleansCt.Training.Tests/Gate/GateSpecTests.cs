using OrleansCt.Training.Validation;

namespace OrleansCt.Training.Tests.Gate;

/// <summary>A gate spec that does not fit the task is refused naming the field and saying what it must be.</summary>
public sealed class GateSpecTests
{
    [Theory]
    [InlineData(ModelTask.Binary)]
    [InlineData(ModelTask.Multiclass)]
    [InlineData(ModelTask.Regression)]
    public void The_defaults_fit_every_task(ModelTask task)
    {
        var spec = new GateSpec();

        spec.Validate(task);
        Assert.Equal(0, spec.MaxWorseningOrDefault);
        Assert.Equal(250, spec.MaxLatencyMsOrDefault);
        Assert.Equal(0.2, spec.HoldoutFractionOrDefault);
        Assert.Equal(5_000, spec.MaxHoldoutRowsOrDefault);
        Assert.Equal(50, spec.MinHoldoutRowsOrDefault);
    }

    [Theory]
    [InlineData(ModelTask.Binary, "f1", "gate.metric \"f1\" is not a metric the gate knows; for binary models use one of accuracy, logLoss, auc.")]
    [InlineData(ModelTask.Regression, "Accuracy", "gate.metric \"Accuracy\" is not a metric the gate knows; for regression models use one of rmse, mae, r2.")]
    [InlineData(ModelTask.Regression, "auc", "gate.metric auc is not measured for regression models (AUC is measured for binary models only); use one of rmse, mae, r2.")]
    [InlineData(ModelTask.Multiclass, "auc", "gate.metric auc is not measured for multiclass models (AUC is measured for binary models only); use one of accuracy, logLoss.")]
    [InlineData(ModelTask.Binary, "rmse", "gate.metric rmse is not measured for binary models; use one of accuracy, logLoss, auc.")]
    [InlineData(ModelTask.Regression, "logLoss", "gate.metric logLoss is not measured for regression models; use one of rmse, mae, r2.")]
    public void A_metric_the_task_does_not_report_is_refused_listing_the_tasks_metrics(ModelTask task, string metric, string message)
    {
        var error = Assert.Throws<GateSpecException>(() => new GateSpec(Metric: metric).Validate(task));

        Assert.Equal("gate.metric", error.Field);
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("accuracy", 1.5, "gate.floor must be a number ≥ 0 and ≤ 1 for accuracy (got 1.5).")]
    [InlineData("accuracy", double.NaN, "gate.floor must be a number ≥ 0 and ≤ 1 for accuracy (got NaN).")]
    [InlineData("auc", -0.1, "gate.floor must be a number ≥ 0 and ≤ 1 for auc (got -0.1).")]
    [InlineData("logLoss", -0.1, "gate.floor must be a number ≥ 0 for logLoss (got -0.1).")]
    [InlineData("logLoss", double.PositiveInfinity, "gate.floor must be a number ≥ 0 for logLoss (got Infinity).")]
    [InlineData("rmse", -1, "gate.floor must be a number ≥ 0 for rmse (got -1).")]
    [InlineData("mae", double.NaN, "gate.floor must be a number ≥ 0 for mae (got NaN).")]
    [InlineData("r2", 1.01, "gate.floor must be a number ≤ 1 for r2 (got 1.01).")]
    [InlineData("r2", double.NegativeInfinity, "gate.floor must be a number ≤ 1 for r2 (got -Infinity).")]
    public void A_floor_the_metric_cannot_reach_is_refused_naming_gate_floor(string metric, double floor, string message)
    {
        var task = metric is "accuracy" or "auc" or "logLoss" ? ModelTask.Binary : ModelTask.Regression;

        var error = Assert.Throws<GateSpecException>(() => new GateSpec(Metric: metric, Floor: floor).Validate(task));

        Assert.Equal("gate.floor", error.Field);
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("accuracy", 0)]
    [InlineData("accuracy", 1)]
    [InlineData("logLoss", 0)]
    [InlineData("r2", -0.5)]
    [InlineData("r2", 1)]
    public void A_floor_at_the_edge_of_the_metrics_range_is_accepted(string metric, double floor)
    {
        var task = metric is "accuracy" or "logLoss" ? ModelTask.Multiclass : ModelTask.Regression;

        new GateSpec(Metric: metric, Floor: floor).Validate(task);
    }

    [Theory]
    [InlineData("gate.maxWorsening", -0.01, "gate.maxWorsening must be a number ≥ 0, in accuracy's units (got -0.01).")]
    [InlineData("gate.maxWorsening", double.NaN, "gate.maxWorsening must be a number ≥ 0, in accuracy's units (got NaN).")]
    [InlineData("gate.maxWorsening", double.PositiveInfinity, "gate.maxWorsening must be a number ≥ 0, in accuracy's units (got Infinity).")]
    [InlineData("gate.maxRelativeWorsening", -0.1, "gate.maxRelativeWorsening must be a number ≥ 0 and ≤ 1, a fraction of the champion's value (got -0.1).")]
    [InlineData("gate.maxRelativeWorsening", 1.5, "gate.maxRelativeWorsening must be a number ≥ 0 and ≤ 1, a fraction of the champion's value (got 1.5).")]
    [InlineData("gate.maxRelativeWorsening", double.NaN, "gate.maxRelativeWorsening must be a number ≥ 0 and ≤ 1, a fraction of the champion's value (got NaN).")]
    [InlineData("gate.maxLatencyMs", 0, "gate.maxLatencyMs must be a number of milliseconds > 0 (got 0).")]
    [InlineData("gate.maxLatencyMs", -5, "gate.maxLatencyMs must be a number of milliseconds > 0 (got -5).")]
    [InlineData("gate.maxLatencyMs", double.PositiveInfinity, "gate.maxLatencyMs must be a number of milliseconds > 0 (got Infinity).")]
    [InlineData("gate.holdoutFraction", 0, "gate.holdoutFraction must be a number > 0 and ≤ 0.5 (got 0).")]
    [InlineData("gate.holdoutFraction", 0.6, "gate.holdoutFraction must be a number > 0 and ≤ 0.5 (got 0.6).")]
    [InlineData("gate.holdoutFraction", -0.2, "gate.holdoutFraction must be a number > 0 and ≤ 0.5 (got -0.2).")]
    [InlineData("gate.holdoutFraction", double.NaN, "gate.holdoutFraction must be a number > 0 and ≤ 0.5 (got NaN).")]
    [InlineData("gate.maxHoldoutRows", 0, "gate.maxHoldoutRows must be an integer ≥ 1 and ≤ 1000000000 (got 0).")]
    [InlineData("gate.maxHoldoutRows", 1_000_000_001, "gate.maxHoldoutRows must be an integer ≥ 1 and ≤ 1000000000 (got 1000000001).")]
    [InlineData("gate.minHoldoutRows", 0, "gate.minHoldoutRows must be an integer ≥ 1 and ≤ gate.maxHoldoutRows (5000) (got 0).")]
    [InlineData("gate.minHoldoutRows", 5_001, "gate.minHoldoutRows must be an integer ≥ 1 and ≤ gate.maxHoldoutRows (5000) (got 5001).")]
    public void A_number_out_of_range_is_refused_naming_its_field(string field, double value, string message)
    {
        var spec = field switch
        {
            "gate.maxWorsening" => new GateSpec(MaxWorsening: value),
            "gate.maxRelativeWorsening" => new GateSpec(MaxRelativeWorsening: value),
            "gate.maxLatencyMs" => new GateSpec(MaxLatencyMs: value),
            "gate.holdoutFraction" => new GateSpec(HoldoutFraction: value),
            "gate.maxHoldoutRows" => new GateSpec(MaxHoldoutRows: (int)value),
            _ => new GateSpec(MinHoldoutRows: (int)value),
        };

        var error = Assert.Throws<GateSpecException>(() => spec.Validate(ModelTask.Binary));

        Assert.Equal(field, error.Field);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void The_minimum_held_out_rows_is_checked_against_the_maximum_given()
    {
        var error = Assert.Throws<GateSpecException>(() => new GateSpec(MaxHoldoutRows: 100, MinHoldoutRows: 200).Validate(ModelTask.Regression));

        Assert.Equal("gate.minHoldoutRows", error.Field);
        Assert.Equal("gate.minHoldoutRows must be an integer ≥ 1 and ≤ gate.maxHoldoutRows (100) (got 200).", error.Message);
    }

    [Fact]
    public void Numbers_at_the_edges_of_their_ranges_are_accepted()
    {
        new GateSpec(MaxWorsening: 0, MaxRelativeWorsening: 0, HoldoutFraction: 0.5, MaxHoldoutRows: 1, MinHoldoutRows: 1).Validate(ModelTask.Binary);
        new GateSpec(MaxRelativeWorsening: 1, MaxLatencyMs: 0.001, MaxHoldoutRows: 1_000_000_000, MinHoldoutRows: 1_000_000_000).Validate(ModelTask.Binary);
    }
}
