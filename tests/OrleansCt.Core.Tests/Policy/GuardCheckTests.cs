using OrleansCt.Core.Policy;

namespace OrleansCt.Core.Tests.Policy;

/// <summary>The guards on hand-worked numbers: a day is 86,400 s; 3 days' cooldown 259,200 s.</summary>
public sealed class GuardCheckTests
{
    private static readonly RetrainGuards Guards = new(CooldownSeconds: 259_200, BudgetRowPassesPerDay: 10_000_000, MinNewLabels: 1_000);

    [Fact]
    public void The_first_retrain_needs_only_the_minimum_of_labels_and_the_budget()
    {
        Assert.Null(GuardCheck.Check(Guards, false, 1_000, 1_000, 5_000_000, []));
        var stop = GuardCheck.Check(Guards, false, 1_000, 999, 5_000_000, []);
        Assert.Equal(("minNewLabels", 999.0, 1_000.0), (stop!.Guard, stop.Value, stop.Limit));
    }

    [Fact]
    public void The_cooldown_counts_event_time_since_the_newest_retrain()
    {
        PastRetrain[] past = [new(100_000, 5_000, 1)];

        // 100,000 + 259,199 is one second short of three days; 259,200 is exactly three days and passes.
        var stop = GuardCheck.Check(Guards, false, 359_199, 50_000, 1, past);
        Assert.Equal(("cooldown", 259_199.0, 259_200.0), (stop!.Guard, stop.Value, stop.Limit));
        Assert.Contains("259199 s of event time since the last retrain (at 100000)", stop.Text, StringComparison.Ordinal);
        Assert.Null(GuardCheck.Check(Guards, false, 359_200, 50_000, 1, past));
    }

    [Fact]
    public void New_labels_are_counted_from_the_newest_retrain()
    {
        PastRetrain[] past = [new(0, 5_000, 1)];

        var stop = GuardCheck.Check(Guards, false, 300_000, 5_999, 1, past);

        Assert.Equal(("minNewLabels", 999.0, 1_000.0), (stop!.Guard, stop.Value, stop.Limit));
        Assert.Null(GuardCheck.Check(Guards, false, 300_000, 6_000, 1, past));
    }

    [Fact]
    public void The_budget_sums_the_day_of_event_time_that_ends_now()
    {
        // Retrains at t = 0 (4M), 50,000 (3M) and 100,000 (2M); a new one of 2.5M at t = 130,000: the day (43,600, 130,000]
        // holds the last two (5M), so 7.5M ≤ 10M passes; with the third at 86,000 instead and the new one there, all three are in
        // the day (−400, 86,000]: 9M + 2.5M = 11.5M > 10M.
        PastRetrain[] past = [new(0, 0, 4_000_000), new(50_000, 0, 3_000_000), new(100_000, 0, 2_000_000)];
        var noGuards = Guards with { CooldownSeconds = 0, MinNewLabels = 0 };

        Assert.Null(GuardCheck.Check(noGuards, false, 130_000, 0, 2_500_000, past));
        var stop = GuardCheck.Check(noGuards, false, 86_000, 0, 2_500_000, past[..2].Append(new(86_000, 0, 2_000_000)).ToArray());
        Assert.Equal(("budget", 11_500_000.0, 10_000_000.0), (stop!.Guard, stop.Value, stop.Limit));
    }

    [Fact]
    public void On_demand_skips_the_cooldown_and_the_minimum_but_not_the_budget()
    {
        PastRetrain[] past = [new(1_000, 5_000, 9_000_000)];

        Assert.Null(GuardCheck.Check(Guards, true, 1_001, 5_000, 1_000_000, past));
        Assert.Equal("budget", GuardCheck.Check(Guards, true, 1_001, 5_000, 1_000_001, past)!.Guard);
    }

    [Fact]
    public void Planned_cost_is_the_windows_rows_times_the_passes()
    {
        // A fixed 50,000-row window with 20,000 labelled rows: 20,000 × 100 passes.
        Assert.Equal(2_000_000, PlannedCost.RowPasses(new FixedWindow(50_000, null), 20_000, 100));

        // Dynamic 10k/20k/50k with 30,000 labelled: 10k + 20k + 30k for the candidates, 30k for the winner, × 50 passes.
        Assert.Equal(4_500_000, PlannedCost.RowPasses(new DynamicWindow(WindowUnit.Rows, [10_000, 20_000, 50_000], 5_000), 30_000, 50));

        // A trainer that decides its own passes is charged 100; the online kind trains nothing.
        Assert.Equal(300_000, PlannedCost.RowPasses(new RepresentativeWindow(3_000, true), 10_000, null));
        Assert.Equal(0, PlannedCost.RowPasses(FixedWindow.Default, 10_000, 100, trains: false));
    }
}
