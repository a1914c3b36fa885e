using System.Net;
using OrleansCt.Hosting.Tests.Infrastructure;

namespace OrleansCt.Hosting.Tests.Training;

/// <summary>
/// Cancelling a retrain. In the deterministic mode (a training takes an hour of event time) a passed candidate waits in
/// "validating" until ingestion reaches its due event time, so while no later rows are sent the first retrain cannot be
/// decided and a second request stays queued behind it (one retrain at a time per model), whatever the machine's speed.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class RetrainCancelTests
{
    private const string Model = "elec-cancel";

    [Fact]
    public async Task A_queued_retrain_cancelled_fails_as_cancelled_never_runs_and_registers_no_version()
    {
        await using var silo = await TestSilo.StartAsync("retrain-cancel", new Dictionary<string, string?> { ["OrleansCt:Training:ModelledSeconds"] = "3600" });
        var http = silo.Http;
        (await http.PutRaw($"v1/models/{Model}", Definitions.Elec2)).EnsureSuccessStatusCode();
        await Elec2Stream.SendAsync(http, Model, 0, 1000);

        // Both read the log up to row 999 (999 × 1,800 s); the first is due an hour later, at row 1,001's time.
        var first = await RetrainAsync(http, """{"reason": "runs", "gate": {"metric": "accuracy", "maxWorsening": 1, "maxLatencyMs": 60000}}""");
        var second = await RetrainAsync(http, """{"reason": "queued, then cancelled", "gate": {"maxWorsening": 1}}""");
        Assert.Equal(("1", "2"), (first.Id, second.Id));
        Assert.Equal("requested", second.State);
        Assert.Equal(999 * 1800.0, first.PositionEventTime);

        var queued = await (await http.GetAsync($"v1/models/{Model}/retrains/2?wait=0")).Read<RetrainView>();
        Assert.Equal("requested", queued.State);

        var cancel = await http.PostAsync($"v1/models/{Model}/retrains/2/cancel?by=tester", null);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        var cancelled = await cancel.Read<RetrainView>();
        Assert.Equal(("failed", "cancelled"), (cancelled.State, cancelled.Error));
        Assert.Equal(0, cancelled.Attempts);
        Assert.Null(cancelled.Candidate);
        Assert.Equal(["requested", "failed"], cancelled.Steps.Select(s => s.State));
        Assert.Contains("cancelled by tester", cancelled.Steps[^1].Note, StringComparison.Ordinal);

        // The first is still waiting for its due time: not decided.
        var waiting = await (await http.GetAsync($"v1/models/{Model}/retrains/1?wait=0")).Read<RetrainView>();
        Assert.Contains(waiting.State, new[] { "requested", "training", "validating" });

        // Rows 1,000–1,099 start before the due time; the batch from row 1,100 reaches it and waits for the first's decision.
        await Elec2Stream.SendAsync(http, Model, 1000, 1200);
        var promoted = await (await http.GetAsync($"v1/models/{Model}/retrains/1?wait=60")).Read<RetrainView>();
        Assert.True(promoted.State == "promoted", $"{promoted.State}: {promoted.Decision?.Summary} {promoted.Error}");
        Assert.Equal("2", promoted.Candidate);

        // The cancelled retrain never ran and never made a candidate: only the first's version was registered.
        var versions = await (await http.GetAsync($"v1/models/{Model}/versions")).Read<VersionListResponse>();
        Assert.Equal(["1", "2"], versions.Versions.Select(v => v.Version));
        Assert.Equal("retrain 1", versions.Versions.Single(v => v.Version == "2").Origin);
        Assert.DoesNotContain(versions.Versions, v => v.Origin == "retrain 2");
        var list = await (await http.GetAsync($"v1/models/{Model}/retrains")).Read<RetrainListResponse>();
        var after = list.Retrains.Single(r => r.Id == "2");
        Assert.Equal(("failed", "cancelled", 0, (string?)null), (after.State, after.Error, after.Attempts, after.Candidate));
        Assert.Equal(["requested", "failed"], after.Steps.Select(s => s.State));

        // Cancelling a decided retrain changes nothing: it answers the record as it is.
        var again = await (await http.PostAsync($"v1/models/{Model}/retrains/1/cancel", null)).Read<RetrainView>();
        Assert.Equal(("promoted", "2"), (again.State, again.Candidate));
        var twice = await (await http.PostAsync($"v1/models/{Model}/retrains/2/cancel", null)).Read<RetrainView>();
        Assert.Equal(cancelled.Steps.Count, twice.Steps.Count);
        Assert.Equal("2", (await (await http.GetAsync($"v1/models/{Model}")).Read<ModelResponse>()).Champion);
    }

    [Fact]
    public async Task Cancelling_an_unknown_retrain_is_a_404_naming_the_id_and_of_an_unknown_model_naming_the_model()
    {
        await using var silo = await TestSilo.StartAsync("retrain-cancel-unknown");
        var http = silo.Http;
        (await http.PutRaw($"v1/models/{Model}", Definitions.Elec2)).EnsureSuccessStatusCode();

        var unknown = await http.PostAsync($"v1/models/{Model}/retrains/41/cancel", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var error = (await unknown.ReadJson()).GetProperty("errors")[0];
        Assert.Equal("id", error.GetProperty("field").GetString());
        Assert.Contains("'41'", error.GetProperty("message").GetString(), StringComparison.Ordinal);

        var noModel = await http.PostAsync("v1/models/not-there/retrains/1/cancel", null);
        Assert.Equal(HttpStatusCode.NotFound, noModel.StatusCode);
        Assert.Equal("model", (await noModel.ReadJson()).GetProperty("errors")[0].GetProperty("field").GetString());

        Assert.Empty((await (await http.GetAsync($"v1/models/{Model}/retrains")).Read<RetrainListResponse>()).Retrains);
    }

    private static async Task<RetrainView> RetrainAsync(HttpClient http, string body)
    {
        var response = await http.PostRaw($"v1/models/{Model}/retrain", body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await response.Read<RetrainView>();
    }
}
