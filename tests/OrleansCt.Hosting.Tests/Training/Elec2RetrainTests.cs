using System.Globalization;
using System.Net;
using OrleansCt.Core.Events;
using OrleansCt.Core.Schema;
using OrleansCt.Hosting.Tests.Infrastructure;
using OrleansCt.Testing;
using OrleansCt.Training.Rows;

namespace OrleansCt.Hosting.Tests.Training;

/// <summary>
/// The acceptance run: the first 6,000 rows of elec2 (row i at i × 1800 s) in the deterministic mode (a training takes
/// one hour of event time), with two retrains on demand — one promoted, one rejected by the gate — and a label that arrives after
/// the first retrain's log position. Run twice, it gives the same versions, digests and decisions.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class Elec2RetrainTests
{
    private const string Model = "elec-ct";

    [Fact]
    public async Task Two_retrains_on_demand_one_promoted_one_rejected_with_lineage_history_and_point_in_time_rows_the_same_twice()
    {
        var first = await RunAsync("elec2-retrain-a");
        var second = await RunAsync("elec2-retrain-b");

        // The same versions, digests, artifacts and decisions, to the byte, whatever the machine did meanwhile.
        Assert.Equal(first, second);
    }

    private static async Task<string> RunAsync(string name)
    {
        await using var silo = await TestSilo.StartAsync(name, new Dictionary<string, string?> { ["OrleansCt:Training:ModelledSeconds"] = "3600" });
        var http = silo.Http;
        (await http.PutRaw($"v1/models/{Model}", Definitions.Elec2)).EnsureSuccessStatusCode();
        await Elec2Stream.SendAsync(http, Model, 0, 2000);

        // Rows 2000–2099 are predicted without labels; half their labels arrive before the first retrain, half after it.
        (await http.PostRaw($"v1/models/{Model}/predict", Elec2Stream.PredictBody(2000, 2100))).EnsureSuccessStatusCode();
        (await http.PostRaw($"v1/models/{Model}/labels", Labels(2000, 2050))).EnsureSuccessStatusCode();
        var promoted = await RetrainAsync(http, """{"reason": "a batch model beside the online learner", "by": "test", "trainer": "lightGbm", "seed": 7, "gate": {"maxWorsening": 0.5}}""");
        (await http.PostRaw($"v1/models/{Model}/labels", Labels(2050, 2100))).EnsureSuccessStatusCode();

        // The batch whose first event reaches the retrain's event time + 1 h waits for its decision, then is answered by version 2.
        await Elec2Stream.SendAsync(http, Model, 2100, 4000);
        var rejected = await RetrainAsync(http, """{"reason": "a stump on purpose", "trainer": "lightGbm", "options": {"numberOfIterations": 1, "numberOfLeaves": 2, "learningRate": 0.01}}""");
        await Elec2Stream.SendAsync(http, Model, 4000, 5000);

        // The online learner kept learning beside version 2, its predictions logged with the champion's: judged on them, it takes over again.
        var back = await RetrainAsync(http, """{"reason": "the online learner kept learning", "kind": "online"}""");
        await Elec2Stream.SendAsync(http, Model, 5000, 6000);

        var one = await (await http.GetAsync($"v1/models/{Model}/retrains/{promoted.Id}?wait=0")).Read<RetrainView>();
        var two = await (await http.GetAsync($"v1/models/{Model}/retrains/{rejected.Id}?wait=0")).Read<RetrainView>();
        var three = await (await http.GetAsync($"v1/models/{Model}/retrains/{back.Id}?wait=0")).Read<RetrainView>();
        Assert.True(three.State == "promoted", $"{three.State}: {three.Decision?.Summary} {three.Error}");
        Assert.Equal(("1", "2"), (three.Candidate, three.Champion));
        Assert.True(three.Decision!.Candidate > three.Decision.Champion);
        Assert.True(one.State == "promoted", $"{one.State}: {one.Decision?.Summary} {one.Error}");
        Assert.True(one.Decision!.Passed);
        Assert.Contains(one.Decision.Reasons, r => r.Check == "change" && r.Passed);

        // The promotion entry also switched the reference to version 2's training window (its profile was built from the log).
        Assert.EndsWith("drift is measured against its training window", one.Steps[^1].Note, StringComparison.Ordinal);
        Assert.True(two.State == "rejected", $"{two.State}: {two.Decision?.Summary} {two.Error}");
        Assert.False(two.Decision!.Passed);
        Assert.Contains(two.Decision.Reasons, r => r.Check == "change" && !r.Passed && r.Text.Contains("worse", StringComparison.Ordinal));

        // Point in time: 2,000 backfilled rows and the 50 labels logged before the retrain; the 50 that came after are not in it.
        // 20 % of 2,050 (410) are held out, so version 2 trained on rows 0–1,639 — their digest, computed here from the file.
        Assert.Equal(410, one.HoldoutRows);
        var versions = await (await http.GetAsync($"v1/models/{Model}/versions")).Read<VersionListResponse>();
        var v2 = versions.Versions.Single(v => v.Version == "2");
        Assert.Equal(1640, v2.Window!.Rows);
        Assert.Equal((7, 1.0), (v2.Seed!.Value, v2.Options!["numberOfThreads"]));
        Assert.StartsWith("6.0.0", v2.Packages!["Microsoft.ML"], StringComparison.Ordinal);
        Assert.Equal(DigestOfFileRows(0, 1640), v2.Window.Digest);
        Assert.True(v2.Window.ToSequence < one.Position);

        // Lineage and the champion's alias history.
        var v3 = versions.Versions.Single(v => v.Version == "3");
        Assert.Equal(["2", "1"], v2.Lineage);
        Assert.Equal(["3", "2", "1"], v3.Lineage);
        Assert.Empty(v2.Aliases);
        Assert.Equal(3, versions.Versions.Count);
        Assert.Empty(v3.Aliases);
        var moves = versions.History.Where(m => m.Alias == "champion").ToList();
        Assert.Equal(["1", "2", "1"], moves.Select(m => m.Version));
        Assert.Equal(three.PromotedAtSequence, moves[2].Sequence);
        Assert.Equal(one.PromotedAtSequence, moves[1].Sequence);
        // Requested at row 2,099's time (2,099 × 1,800 = 3,778,200), due an hour later at 3,781,800: the batch of
        // rows 2,100–2,199 starts before it (3,780,000) and is answered by version 1; the control entry comes before the batch of
        // rows 2,200–2,299 (the first starting at or after the due time), when the log's latest event is row 2,199 (3,958,200).
        Assert.Equal(2099 * 1800.0, one.PositionEventTime);
        Assert.Equal(2199 * 1800.0, moves[1].EventTime);

        // No row after a control entry was answered by the version before it.
        var after = await (await http.PostRaw($"v1/models/{Model}/predict", Elec2Stream.PredictBody(6000, 6010))).Read<PredictResponse>();
        Assert.All(after.Predictions, p => Assert.Equal("1", p.Version));
        Assert.Equal("1", (await (await http.GetAsync($"v1/models/{Model}")).Read<ModelResponse>()).Champion);

        return Canonical(versions, one, two, three);
    }

    [Fact]
    public async Task A_model_grain_that_activates_again_while_a_retrain_is_pending_still_waits_for_it_at_the_due_time()
    {
        await using var silo = await TestSilo.StartAsync("elec2-retrain-reactivated", new Dictionary<string, string?> { ["OrleansCt:Training:ModelledSeconds"] = "3600" });
        var http = silo.Http;
        (await http.PutRaw($"v1/models/{Model}", Definitions.Elec2)).EnsureSuccessStatusCode();
        await Elec2Stream.SendAsync(http, Model, 0, 1000);
        var retrain = await RetrainAsync(http, """{"trainer": "lightGbm", "gate": {"maxWorsening": 1}}""");

        // Every idle activation goes, the model grain with its in-memory wait; the next one asks the coordinator for it.
        await silo.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await Elec2Stream.SendAsync(http, Model, 1000, 1200);

        // Requested at row 999 (999 × 1,800 = 1,798,200), due at 1,801,800: rows 1,000–1,099 start before it (1,800,000); the
        // control entry comes before rows 1,100–1,199, when the latest event is row 1,099 (1,978,200).
        var decided = await (await http.GetAsync($"v1/models/{Model}/retrains/{retrain.Id}?wait=0")).Read<RetrainView>();
        Assert.Equal("promoted", decided.State);
        var move = (await (await http.GetAsync($"v1/models/{Model}/versions")).Read<VersionListResponse>()).History[^1];
        Assert.Equal((999 * 1800.0, 1099 * 1800.0), (decided.PositionEventTime, move.EventTime));
    }

    private static async Task<RetrainView> RetrainAsync(HttpClient http, string body)
    {
        var response = await http.PostRaw($"v1/models/{Model}/retrain", body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await response.Read<RetrainView>();
    }


    private static string Labels(int from, int to)
    {
        var lines = File.ReadAllLines(RepoFiles.PathOf("data/elec2/elec2.csv"));
        return "{\"labels\": [" + string.Join(",", Enumerable.Range(from, to - from).Select(r => $$"""{"id": "row{{r}}", "label": "{{lines[r + 1].Split(',')[8]}}"}""")) + "]}";
    }

    /// <summary>The digest of file rows [from, to) as the trainer sees them, built from the CSV here (not from the service).</summary>
    private static string DigestOfFileRows(int from, int to)
    {
        var lines = File.ReadAllLines(RepoFiles.PathOf("data/elec2/elec2.csv"));
        var definition = System.Text.Json.JsonSerializer.Deserialize<ModelDefinition>(Definitions.Elec2, JsonDefaults.Options)!;
        var schema = new ModelSchema(definition);
        var rows = Enumerable.Range(from, to - from).Select(r => lines[r + 1].Split(',')).ToArray();
        var numericNames = schema.Numeric.Select(f => f.Name).ToList();
        var header = lines[0].Split(',');
        var batch = new EventBatch
        {
            Ids = [.. Enumerable.Range(from, to - from).Select(r => $"row{r}")],
            Times = [.. Enumerable.Range(from, to - from).Select(r => r * 1800.0)],
            Numeric = [.. numericNames.Select(n => rows.Select(c => double.Parse(c[Array.IndexOf(header, n)], CultureInfo.InvariantCulture)).ToArray())],
            Categorical = [.. schema.Categorical.Select(f => rows.Select(c => (string?)c[Array.IndexOf(header, f.Name)]).ToArray())],
            Labels = [.. rows.Select(c => (double)definition.Classes!.ToList().IndexOf(c[8]))],
        };
        return TrainingRows.From(schema, batch).Digest;
    }

    /// <summary>What must be equal across two runs: versions without wall times and measured seconds, decisions, history.</summary>
    private static string Canonical(VersionListResponse versions, params RetrainView[] retrains)
    {
        var lines = versions.Versions.Select(v =>
            $"{v.Version} {v.Kind} {v.Trainer} parent={v.Parent} sha={v.ArtifactSha256} digest={v.Window?.Digest} rows={v.Window?.Rows} " +
            $"seq={v.Window?.FromSequence}-{v.Window?.ToSequence} rowPasses={v.Cost?.RowPasses} " +
            string.Join(",", (v.Validation ?? new Dictionary<string, double>()).OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value:R}")))
            .Concat(versions.History.Select(m => $"{m.Alias} {m.Version} {m.Sequence} {m.EventTime:R} {m.Reason}"))
            .Concat(retrains.Select(r => $"{r.Id} {r.State} {r.Position} {r.Candidate} {r.PromotedAtSequence} {r.Decision!.Summary}"));
        return string.Join("\n", lines);
    }
}
