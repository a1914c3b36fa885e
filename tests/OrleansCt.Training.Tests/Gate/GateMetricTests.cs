using OrleansCt.Training.Validation;

namespace OrleansCt.Training.Tests.Gate;

/// <summary>The gate's metrics: names, directions, the tasks that report them, and where ValidationMetrics holds them.</summary>
public sealed class GateMetricTests
{
    [Theory]
    [InlineData("accuracy", true)]
    [InlineData("logLoss", false)]
    [InlineData("auc", true)]
    [InlineData("rmse", false)]
    [InlineData("mae", false)]
    [InlineData("r2", true)]
    public void Each_metric_has_its_direction(string name, bool higherIsBetter)
    {
        Assert.Equal(higherIsBetter, GateMetric.Named(name)!.HigherIsBetter);
    }

    [Fact]
    public void A_name_is_matched_exactly()
    {
        Assert.Null(GateMetric.Named("Accuracy"));
        Assert.Null(GateMetric.Named("f1"));
    }

    [Theory]
    [InlineData(ModelTask.Binary, "accuracy", "accuracy,logLoss,auc")]
    [InlineData(ModelTask.Multiclass, "accuracy", "accuracy,logLoss")]
    [InlineData(ModelTask.Regression, "rmse", "rmse,mae,r2")]
    public void Each_task_has_its_default_and_its_metrics(ModelTask task, string defaultName, string names)
    {
        Assert.Equal(defaultName, GateMetric.Default(task).Name);
        Assert.Equal(names, string.Join(",", GateMetric.For(task).Select(m => m.Name)));
    }

    [Fact]
    public void Each_metric_reads_its_own_field()
    {
        // Nine distinct values, so that a metric reading a neighbour's field would show.
        var metrics = new ValidationMetrics(10, 1, 0.1, 0.2, 0.3, 0.01, 0.4, 0.5, 0.6);

        Assert.Equal(
            [0.1, 0.2, 0.3, 0.4, 0.5, 0.6],
            GateMetric.All.Select(m => m.ValueIn(metrics)!.Value).ToArray());
    }

    [Fact]
    public void A_metric_the_task_does_not_report_reads_as_null()
    {
        Assert.Null(GateMetric.Accuracy.ValueIn(GateInputs.Regression(3)));
        Assert.Null(GateMetric.Rmse.ValueIn(GateInputs.Classification(0.9)));
    }

    [Fact]
    public void Worsening_follows_the_direction()
    {
        // rmse: candidate 10 against champion 9 is 10 − 9 = 1 worse. accuracy: 0.75 against 0.875 is 0.875 − 0.75 = 0.125
        // worse (both exact in binary), and 0.875 against 0.75 is 0.125 better, so −0.125.
        Assert.Equal(1, GateMetric.Rmse.Worsening(10, 9));
        Assert.Equal(-1, GateMetric.Rmse.Worsening(8, 9));
        Assert.Equal(0.125, GateMetric.Accuracy.Worsening(0.75, 0.875));
        Assert.Equal(-0.125, GateMetric.Accuracy.Worsening(0.875, 0.75));
    }
}
