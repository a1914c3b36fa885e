using OrleansCt.Core.Policy;

namespace OrleansCt.Core.Tests.Policy;

/// <summary>Each built-in policy validates for every task and does what its name promises.</summary>
public sealed class BuiltInPoliciesTests
{
    public static TheoryData<string, ModelTask> NamesAndTasks()
    {
        var data = new TheoryData<string, ModelTask>();
        foreach (var name in BuiltInPolicies.Names)
        {
            foreach (var task in Enum.GetValues<ModelTask>())
            {
                data.Add(name, task);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(NamesAndTasks))]
    public void Each_written_out_validates_to_itself(string name, ModelTask task)
    {
        var builtIn = BuiltInPolicies.Get(name)!;

        var (policy, errors) = PolicyValidator.Validate(builtIn.ToSpec(), task);

        Assert.Empty(errors);
        Assert.Equal(builtIn, policy);
    }

    [Fact]
    public void The_names_are_the_issues_six_and_nothing_else_is_one()
    {
        Assert.Equal(["never", "online", "periodic", "drift", "performance", "default"], BuiltInPolicies.Names);
        Assert.All(BuiltInPolicies.Names, n => Assert.NotNull(BuiltInPolicies.Get(n)));
        Assert.Null(BuiltInPolicies.Get("Default"));
        Assert.Null(BuiltInPolicies.Get(""));
    }

    [Fact]
    public void Never_trains_once_and_has_no_other_trigger_and_no_online_learning()
    {
        Assert.Equal(PolicyTriggers.None with { Once = true }, BuiltInPolicies.Never.Triggers);
        Assert.False(BuiltInPolicies.Never.OnlineLearning);

        // Its one training replaces the online learner whatever it scores: no metric's difference reaches its maxWorsening.
        Assert.Equal(1e12, BuiltInPolicies.Never.Gate.MaxWorsening);
    }

    [Fact]
    public void Online_has_no_trigger_and_keeps_the_online_learner_learning()
    {
        Assert.False(BuiltInPolicies.Online.Triggers.Any);
        Assert.True(BuiltInPolicies.Online.OnlineLearning);
    }

    [Fact]
    public void Periodic_fires_every_seven_days_of_event_time_and_on_nothing_else()
    {
        var triggers = BuiltInPolicies.Periodic.Triggers;

        Assert.Equal(new PeriodicTrigger(null, 604_800, null), triggers.Periodic);
        Assert.Empty(triggers.Alerts);
        Assert.False(triggers.ConfigChange);
        Assert.Equal(new FixedWindow(50_000, null), BuiltInPolicies.Periodic.Window);
    }

    [Fact]
    public void Drift_fires_on_critical_drift_alerts_only()
    {
        var triggers = BuiltInPolicies.Drift.Triggers;

        Assert.Equal(new AlertTrigger(PolicyAlertKind.Drift, AlertSeverity.Critical, 1), Assert.Single(triggers.Alerts));
        Assert.Null(triggers.Periodic);
        Assert.False(triggers.ConfigChange);
        Assert.True(triggers.Alerts[0].Counts("drift", AlertSeverity.Critical));
        Assert.False(triggers.Alerts[0].Counts("drift", AlertSeverity.Warning));
        Assert.False(triggers.Alerts[0].Counts("multivariate", AlertSeverity.Critical));
    }

    [Fact]
    public void Performance_fires_on_performance_alerts_from_warning_on_only()
    {
        var trigger = Assert.Single(BuiltInPolicies.Performance.Triggers.Alerts);

        Assert.True(trigger.Counts("performance", AlertSeverity.Warning));
        Assert.True(trigger.Counts("performance", AlertSeverity.Critical));
        Assert.False(trigger.Counts("drift", AlertSeverity.Critical));
        Assert.Null(BuiltInPolicies.Performance.Triggers.Periodic);
    }

    [Fact]
    public void Default_combines_performance_and_broad_critical_drift_without_a_schedule()
    {
        var policy = BuiltInPolicies.Default;

        Assert.Equal(
            [new AlertTrigger(PolicyAlertKind.Performance, AlertSeverity.Warning, 1), new AlertTrigger(PolicyAlertKind.Drift, AlertSeverity.Critical, 2)],
            policy.Triggers.Alerts);
        Assert.True(policy.Triggers.ConfigChange);

        // A schedule would retrain a stationary stream, which the issue's goal forbids for this policy.
        Assert.Null(policy.Triggers.Periodic);
        Assert.Equal(new RetrainGuards(3 * 86_400, 50_000_000, 1_000), policy.Guards);
        Assert.Equal(new DynamicWindow(WindowUnit.Rows, [10_000, 20_000, 50_000, 100_000], 5_000), policy.Window);
        Assert.Equal(new RetrainSettings(RetrainKind.Scratch, "lightGbm", new Dictionary<string, double>(), 0), policy.Retrain);
        Assert.Equal(new GateRequest { MaxWorsening = 0 }, policy.Gate);
        Assert.True(policy.OnlineLearning);
    }
}
