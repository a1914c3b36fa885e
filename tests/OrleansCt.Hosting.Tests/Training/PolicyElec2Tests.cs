using System.Globalization;
using System.Text;
using OrleansCt.Hosting.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansCt.Hosting.Tests.Training;

/// <summary>
/// The acceptance run for the policy: elec2 streamed day by day (row i at i × 1800 s, 48 rows a batch with their labels,
/// prequential) in the deterministic mode, under a policy that retrains on drift and on performance alerts, with a cooldown and a
/// fixed window. The coordinator decides by itself; the retrain log and the registry show what fired, what a guard stopped (with
/// its numbers) and what the gate promoted and rejected (with its reasons) — the same twice.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class PolicyElec2Tests(ITestOutputHelper output)
{
    private const string Model = "elec-policy";

    private const string Definition = """
        {"task": "binary", "target": "class", "classes": ["DOWN", "UP"], "positiveClass": "UP",
         "features": [{"name": "date", "type": "numeric"}, {"name": "day", "type": "categorical", "categories": ["1","2","3","4","5","6","7"]},
                      {"name": "period", "type": "numeric"}, {"name": "nswprice", "type": "numeric"},
                      {"name": "nswdemand", "type": "numeric"}, {"name": "vicprice", "type": "numeric"},
                      {"name": "vicdemand", "type": "numeric"}, {"name": "transfer", "type": "numeric"}],
         "alerts": {"metric": "accuracy", "metricThreshold": 0.8}}
        """;

    private const string Policy = """
        {"triggers": {"alerts": [{"kind": "drift", "severity": "critical", "minFeatures": 2}, {"kind": "performance", "severity": "warning"}]},
           "guards": {"cooldownSeconds": 1209600, "minNewLabels": 500},
           "window": {"kind": "fixed", "rows": 4000},
           "retrain": {"kind": "scratch", "trainer": "lightGbm", "options": {"numberOfIterations": 50}},
           "gate": {"maxWorsening": 0.1}}
        """;

    [Fact]
    public async Task Drift_and_performance_triggers_a_cooldown_stop_and_gate_decisions_the_same_twice()
    {
        var first = await RunAsync("policy-elec2-a");
        var second = await RunAsync("policy-elec2-b");
        output.WriteLine(first);

        // The same triggers at the same log positions, the same stops with the same numbers, the same versions and decisions.
        Assert.Equal(first, second);
    }

    private static async Task<string> RunAsync(string name)
    {
        await using var silo = await TestSilo.StartAsync(name, new Dictionary<string, string?> { ["OrleansCt:Training:ModelledSeconds"] = "3600" });
        var http = silo.Http;
        (await http.PutRaw($"v1/models/{Model}", Definition)).EnsureSuccessStatusCode();
        (await http.PutRaw($"v1/models/{Model}/policy?by=test&reason=drift%20and%20performance", Policy)).EnsureSuccessStatusCode();
        await Elec2Stream.SendAsync(http, Model, 0, 12_000, batchSize: 48);
        var retrains = (await (await http.GetAsync($"v1/models/{Model}/retrains")).Read<RetrainListResponse>()).Retrains;
        var versions = (await (await http.GetAsync($"v1/models/{Model}/versions")).Read<VersionListResponse>()).Versions;

        var text = new StringBuilder();
        foreach (var r in retrains)
        {
            // Everything but wall-clock times and measured seconds.
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{r.Id} {r.Trigger} {r.State} at {r.Position} ({r.PositionEventTime}) labels {r.LabelledRows} charged {r.PlannedRowPasses} {r.Reason} | {r.Guard} | {r.Candidate} {r.Window?.Digest} {r.Decision?.Summary} {r.PromotedAtSequence}");
        }

        // Each trigger kind fired a retrain, and each was also stopped by the cooldown, with its numbers.
        foreach (var kind in new[] { "drift", "performance" })
        {
            Assert.True(retrains.Any(r => r.Trigger == kind && r.State != "stopped"), $"no {kind} retrain:\n{text}");
            Assert.True(retrains.Any(r => r.Trigger == kind && r.State == "stopped"), $"no {kind} trigger stopped:\n{text}");
            var stopped = retrains.First(r => r.Trigger == kind && r.State == "stopped");
            var last = retrains.Last(r => r.State != "stopped" && int.Parse(r.Id, CultureInfo.InvariantCulture) < int.Parse(stopped.Id, CultureInfo.InvariantCulture));
            Assert.Equal("cooldown", stopped.Guard!.Guard);
            Assert.Equal((stopped.PositionEventTime - last.PositionEventTime, 1_209_600.0), (stopped.Guard.Value, stopped.Guard.Limit));
            Assert.Contains($"since the last retrain (at {last.PositionEventTime!.Value.ToString(CultureInfo.InvariantCulture)}); the policy waits 1209600 s", stopped.Steps[^1].Note, StringComparison.Ordinal);
            Assert.Null(stopped.Candidate);
        }

        // Accepted retrains are two weeks of event time apart at least, and each read the fixed window's 4,000 newest rows at most.
        var accepted = retrains.Where(r => r.State != "stopped").ToList();
        Assert.All(accepted.Zip(accepted.Skip(1)), p => Assert.True(p.Second.PositionEventTime - p.First.PositionEventTime >= 1_209_600));
        Assert.All(accepted, r => Assert.True(r.Window!.Rows + r.HoldoutRows <= 4_000));

        // The gate promoted one and rejected another, each with its reasons; the registry holds both with the trigger that made them.
        Assert.True(accepted.Any(r => r.State == "promoted") && accepted.Any(r => r.State == "rejected"), $"the gate did not both promote and reject:\n{text}");
        var promoted = accepted.First(r => r.State == "promoted");
        var rejected = accepted.First(r => r.State == "rejected");
        Assert.True(promoted.Decision!.Passed && promoted.Decision.Reasons.All(c => c.Passed));
        Assert.Contains(rejected.Decision!.Reasons, c => c.Check == "change" && !c.Passed && c.Text.Contains("more than the allowed 0.1", StringComparison.Ordinal));
        Assert.Equal(promoted.Trigger, versions.Single(v => v.Version == promoted.Candidate).Trigger);
        Assert.Equal(rejected.Trigger, versions.Single(v => v.Version == rejected.Candidate).Trigger);

        return text.ToString();
    }
}
