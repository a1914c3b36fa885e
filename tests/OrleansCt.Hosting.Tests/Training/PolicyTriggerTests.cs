using System.Globalization;
using System.Net;
using Orleans.Concurrency;
using OrleansCt.Abstractions.Training;
using OrleansCt.Hosting.Tests.Infrastructure;

namespace OrleansCt.Hosting.Tests.Training;

/// <summary>
/// The triggers and guards one at a time, through the API and the coordinator's own call: a signal told twice retrains once; a
/// schedule in events fires at its count; the wall clock fires after a restart with no event; the budget stops an on-demand
/// retrain with 429; the never policy trains once and stops the online learner.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class PolicyTriggerTests
{
    private const string Model = "trig";

    [Fact]
    public async Task A_signal_told_twice_or_late_retrains_once_and_one_the_policy_does_not_name_not_at_all()
    {
        await using var silo = await TestSilo.StartAsync("policy-signal");
        var http = silo.Http;
        (await http.PutRaw($"v1/models/{Model}", Definitions.Elec2)).EnsureSuccessStatusCode();
        await Elec2Stream.SendAsync(http, Model, 0, 600);
        (await http.PutRaw($"v1/models/{Model}/policy?by=test", """
            {"triggers": {"alerts": [{"kind": "drift", "severity": "critical", "minFeatures": 2}]},
             "guards": {"cooldownSeconds": 0, "minNewLabels": 0}, "window": {"kind": "fixed", "rows": 600}, "gate": {"maxWorsening": 1}}
            """)).EnsureSuccessStatusCode();
        var coordinator = silo.Grains.GetGrain<ICoordinatorGrain>(Model);

        // Critical on one feature only, or a kind the policy does not name: nothing.
        await coordinator.Signal(new[] { Signal("drift:a:1/opened", 5, critical: 1), Signal("skew:a:1/opened", 5, critical: 2) with { Kind = "skew" } }.AsImmutable());
        Assert.Empty((await coordinator.List())!.Retrains);

        // Two features at critical: one retrain; the same signal again, or an older one, changes nothing.
        var fires = Signal("drift:b:1/escalated", 6, critical: 2);
        await coordinator.Signal(new[] { fires }.AsImmutable());
        await coordinator.Signal(new[] { fires, Signal("drift:c:1/opened", 4, critical: 3) }.AsImmutable());
        var retrains = (await coordinator.List())!.Retrains;
        var retrain = Assert.Single(retrains);
        Assert.Equal(("drift", "policy"), (retrain.Trigger, retrain.By));
        Assert.Contains("drift alert on b opened at critical (2 features in a critical drift alert", retrain.Reason, StringComparison.Ordinal);

        // The mark survives a restart: told again after it, the signal is still ignored.
        var restarted = await silo.RestartAsync();
        await using (restarted)
        {
            var again = restarted.Grains.GetGrain<ICoordinatorGrain>(Model);
            await again.Signal(new[] { fires }.AsImmutable());
            Assert.Single((await again.List())!.Retrains);
        }
    }

    [Fact]
    public async Task A_schedule_in_events_fires_at_its_count_and_the_minimum_of_new_labels_stops_one_without_enough()
    {
        await using var silo = await TestSilo.StartAsync("policy-events", new Dictionary<string, string?> { ["OrleansCt:Training:ModelledSeconds"] = "3600" });
        var http = silo.Http;
        (await http.PutRaw($"v1/models/{Model}", Definitions.Elec2)).EnsureSuccessStatusCode();
        (await http.PutRaw($"v1/models/{Model}/policy?by=test", """
            {"triggers": {"periodic": {"events": 500}}, "guards": {"cooldownSeconds": 0, "minNewLabels": 600},
             "window": {"kind": "fixed", "rows": 500}, "gate": {"maxWorsening": 1}}
            """)).EnsureSuccessStatusCode();

        // 1,600 labelled events in batches of 100: the schedule comes due at 500, 1,000 and 1,500 events.
        await Elec2Stream.SendAsync(http, Model, 0, 1600, batchSize: 100);
        var retrains = (await (await http.GetAsync($"v1/models/{Model}/retrains")).Read<RetrainListResponse>()).Retrains;

        // 500 labels are fewer than 600; at 1,000 there are enough; 500 more since that retrain are again too few.
        Assert.Equal(["periodic", "periodic", "periodic"], retrains.Select(r => r.Trigger));
        Assert.Equal([500L, 1000L, 1500L], retrains.Select(r => r.LabelledRows!.Value));
        Assert.Equal(new GuardView("minNewLabels", 500, 600), retrains[0].Guard);
        Assert.NotEqual("stopped", retrains[1].State);
        Assert.Equal(new GuardView("minNewLabels", 500, 600), retrains[2].Guard);
        Assert.Contains("500 events passed", retrains[2].Reason, StringComparison.Ordinal);
        Assert.Contains("500 labelled rows since the last retrain; the policy wants 600", retrains[2].Steps[^1].Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wall_clock_schedule_fires_after_a_restart_without_any_new_event()
    {
        var silo = await TestSilo.StartAsync("policy-wall");
        try
        {
            var http = silo.Http;
            (await http.PutRaw($"v1/models/{Model}", Definitions.Elec2)).EnsureSuccessStatusCode();
            await Elec2Stream.SendAsync(http, Model, 0, 600);
            (await http.PutRaw($"v1/models/{Model}/policy?by=test", """
                {"triggers": {"periodic": {"wallSeconds": 3600}}, "guards": {"minNewLabels": 100},
                 "window": {"kind": "fixed", "rows": 600}, "gate": {"maxWorsening": 1}}
                """)).EnsureSuccessStatusCode();
            Assert.Empty((await (await http.GetAsync($"v1/models/{Model}/retrains")).Read<RetrainListResponse>()).Retrains);

            // Two hours pass while the silo is down; nothing is sent after it starts again.
            silo.Time.Advance(TimeSpan.FromHours(2));
            silo = await silo.RestartAsync();
            var retrain = await (await silo.Http.GetAsync($"v1/models/{Model}/retrains/1?wait=120")).Read<RetrainView>();

            Assert.Equal(("periodic", "promoted"), (retrain.Trigger, retrain.State));
            Assert.Contains("every 3600 s of wall-clock time (due at 2026-01-01T01:00:00.0000000+00:00, 3600 s late)", retrain.Reason, StringComparison.Ordinal);
            Assert.Equal(600, retrain.LabelledRows);
        }
        finally
        {
            await silo.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_budget_stops_an_on_demand_retrain_with_429_and_its_numbers()
    {
        await using var silo = await TestSilo.StartAsync("policy-budget");
        var http = silo.Http;
        (await http.PutRaw($"v1/models/{Model}", Definitions.Elec2)).EnsureSuccessStatusCode();
        await Elec2Stream.SendAsync(http, Model, 0, 300);
        (await http.PutRaw($"v1/models/{Model}/policy?by=test", """{"guards": {"budgetRowPassesPerDay": 1000000}}""")).EnsureSuccessStatusCode();

        // 300 labelled rows × 100 LightGBM iterations = 30,000 row passes a retrain: 33 fit in the budget, the 34th does not.
        var answer = await http.PostRaw($"v1/models/{Model}/retrain", """{"trainer": "lightGbm", "options": {"numberOfIterations": 5000}}""");
        Assert.Equal((HttpStatusCode)429, answer.StatusCode);
        var stopped = await answer.Read<RetrainView>();
        Assert.Equal(("stopped", 1_500_000.0), (stopped.State, stopped.PlannedRowPasses!.Value));
        Assert.Equal(new GuardView("budget", 1_500_000, 1_000_000), stopped.Guard);
        Assert.Contains("budget: 0 row passes spent in the last day of event time and 1,500,000 planned make 1,500,000; the policy allows 1,000,000 a day", stopped.Steps[^1].Note, StringComparison.Ordinal);

        // The next that fits is accepted (on demand skips the cooldown and the minimum of new labels).
        var fits = await http.PostRaw($"v1/models/{Model}/retrain", """{"trainer": "lightGbm", "options": {"numberOfIterations": 100}}""");
        Assert.Equal(HttpStatusCode.Accepted, fits.StatusCode);
        Assert.Equal(30_000, (await fits.Read<RetrainView>()).PlannedRowPasses);
    }

    [Fact]
    public async Task Never_trains_once_on_the_rows_logged_by_then_and_stops_the_online_learner()
    {
        await using var silo = await TestSilo.StartAsync("policy-never");
        var http = silo.Http;
        (await http.PutRaw($"v1/models/{Model}", Definitions.Elec2)).EnsureSuccessStatusCode();
        await Elec2Stream.SendAsync(http, Model, 0, 1000);
        (await http.PutRaw($"v1/models/{Model}/policy?by=test", """{"use": "never"}""")).EnsureSuccessStatusCode();
        var trained = await (await http.GetAsync($"v1/models/{Model}/retrains/1?wait=120")).Read<RetrainView>();
        Assert.Equal(("policy", "promoted", "lightGbm", 1000L), (trained.Trigger, trained.State, trained.Trainer, trained.LabelledRows!.Value));
        var before = await (await http.GetAsync($"v1/models/{Model}")).Read<ModelResponse>();

        await Elec2Stream.SendAsync(http, Model, 1000, 2000);
        var after = await (await http.GetAsync($"v1/models/{Model}")).Read<ModelResponse>();

        // The champion is the version trained once; the online learner learned nothing from the 1,000 labels since; nothing retrained.
        Assert.Equal(trained.Candidate, after.Champion);
        Assert.Equal(before.LearnerUpdates, after.LearnerUpdates);
        Assert.Equal(2000, after.Performance.Labelled);
        Assert.Single((await (await http.GetAsync($"v1/models/{Model}/retrains")).Read<RetrainListResponse>()).Retrains);
    }

    [Fact]
    public async Task A_schedule_in_event_time_counts_from_the_policys_entry()
    {
        await using var silo = await TestSilo.StartAsync("policy-event-time", new Dictionary<string, string?> { ["OrleansCt:Training:ModelledSeconds"] = "3600" });
        var http = silo.Http;
        (await http.PutRaw($"v1/models/{Model}", Definitions.Elec2)).EnsureSuccessStatusCode();
        await Elec2Stream.SendAsync(http, Model, 0, 100, batchSize: 50);
        (await http.PutRaw($"v1/models/{Model}/policy?by=test", """
            {"triggers": {"periodic": {"eventSeconds": 432000}}, "guards": {"cooldownSeconds": 0, "minNewLabels": 0},
             "window": {"kind": "fixed", "rows": 300}, "gate": {"maxWorsening": 1}}
            """)).EnsureSuccessStatusCode();

        // Row i is at i × 1,800 s: the policy is set at row 99's time (178,200 s); every 432,000 s (240 rows) after it the schedule
        // comes due — at rows 339 and 579, which batches of 20 reach in the batches that end at rows 339 and 579.
        await Elec2Stream.SendAsync(http, Model, 100, 700, batchSize: 20);
        var retrains = (await (await http.GetAsync($"v1/models/{Model}/retrains")).Read<RetrainListResponse>()).Retrains;

        Assert.Equal(["periodic", "periodic"], retrains.Select(r => r.Trigger));
        Assert.Equal([339 * 1800.0, 579 * 1800.0], retrains.Select(r => r.PositionEventTime!.Value));
        Assert.All(retrains, r => Assert.Contains("432000 s of event time passed", r.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task New_options_mark_the_champion_stale_and_a_config_change_trigger_retrains_it()
    {
        await using var silo = await TestSilo.StartAsync("policy-config");
        var http = silo.Http;
        (await http.PutRaw($"v1/models/{Model}", Definitions.Elec2)).EnsureSuccessStatusCode();
        await Elec2Stream.SendAsync(http, Model, 0, 600);
        var first = await http.PostRaw($"v1/models/{Model}/retrain", """{"trainer": "lightGbm", "options": {"numberOfIterations": 20}, "gate": {"maxWorsening": 1}}""");
        Assert.Equal("promoted", (await (await http.GetAsync($"v1/models/{Model}/retrains/{(await first.Read<RetrainView>()).Id}?wait=120")).Read<RetrainView>()).State);

        // The same trainer and options as the champion's: not stale, nothing fires.
        (await http.PutRaw($"v1/models/{Model}/policy?by=test", """
            {"triggers": {"configChange": true}, "retrain": {"trainer": "lightGbm", "options": {"numberOfIterations": 20}}, "gate": {"maxWorsening": 1}}
            """)).EnsureSuccessStatusCode();
        var list = await (await http.GetAsync($"v1/models/{Model}/retrains")).Read<RetrainListResponse>();
        Assert.Null(list.Stale);
        Assert.Single(list.Retrains);

        // New options: stale, and the configChange trigger retrains it at once (a person's decision: no cooldown, no minimum).
        (await http.PutRaw($"v1/models/{Model}/policy?by=test", """
            {"triggers": {"configChange": true}, "retrain": {"trainer": "lightGbm", "options": {"numberOfIterations": 40}}, "gate": {"maxWorsening": 1}}
            """)).EnsureSuccessStatusCode();
        list = await (await http.GetAsync($"v1/models/{Model}/retrains")).Read<RetrainListResponse>();
        Assert.Equal("version 2 was trained with options {numberOfIterations: 20}; the policy now sets {numberOfIterations: 40}", list.Stale);
        var second = await (await http.GetAsync($"v1/models/{Model}/retrains/2?wait=120")).Read<RetrainView>();
        Assert.Equal(("configChange", "promoted", 40.0), (second.Trigger, second.State, second.Options!["numberOfIterations"]));
        Assert.Equal(list.Stale, second.Reason);

        // Once its candidate is champion, nothing is stale any more.
        (await http.PutRaw($"v1/models/{Model}/policy?by=test", """
            {"triggers": {"configChange": true}, "retrain": {"trainer": "lightGbm", "options": {"numberOfIterations": 40}}, "gate": {"maxWorsening": 1}}
            """)).EnsureSuccessStatusCode();
        Assert.Null((await (await http.GetAsync($"v1/models/{Model}/retrains")).Read<RetrainListResponse>()).Stale);
    }

    private static TriggerSignal Signal(string key, long sequence, int critical) =>
        new(key, TriggerSignal.Alert, "drift", key.Split(':')[1], AlertSeverity.Critical, "opened", sequence, 1_000, critical, critical);
}
