using System.Net;
using System.Text.Json;
using OrleansCt.Hosting.Tests.Infrastructure;

namespace OrleansCt.Hosting.Tests.Training;

/// <summary>
/// Reproducing a retrained version reads its rows from the log again: once log retention has dropped them, the answer is a
/// 409 naming the cut (the first sequence still held). Versions that were not trained from the log, or do not exist, are refused.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class ReproduceRetentionTests
{
    private const string Model = "elec-cut";

    [Fact]
    public async Task After_a_retention_cut_reproduce_answers_409_naming_the_first_retained_sequence()
    {
        await using var silo = await TestSilo.StartAsync("reproduce-retention", new Dictionary<string, string?>
        {
            ["OrleansCt:Model:RetentionAge"] = "30.00:00:00",
            ["OrleansCt:Model:RetentionInterval"] = "1.00:00:00", // only the POST below enforces it
        });
        var http = silo.Http;
        (await http.PutRaw($"v1/models/{Model}", Definitions.Elec2)).EnsureSuccessStatusCode();
        await Elec2Stream.SendAsync(http, Model, 0, 1000);

        var accepted = await http.PostRaw($"v1/models/{Model}/retrain", """{"reason": "to be cut", "gate": {"metric": "accuracy", "maxWorsening": 1}}""");
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var id = (await accepted.Read<RetrainView>()).Id;
        var decided = await (await http.GetAsync($"v1/models/{Model}/retrains/{id}?wait=120")).Read<RetrainView>();
        Assert.True(decided.State == "promoted", $"{decided.State}: {decided.Decision?.Summary} {decided.Error}");
        Assert.Equal("2", decided.Candidate);

        // While the log holds its rows, the version reproduces identically.
        var before = await http.PostAsync($"v1/models/{Model}/versions/2/reproduce", null);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.True((await before.Read<ReproduceResponse>()).Identical);

        // A month later newer rows arrive, and retention drops every entry written more than 30 days ago — all of version 2's rows.
        silo.Time.Advance(TimeSpan.FromDays(31));
        (await http.PostRaw($"v1/models/{Model}/events", Elec2Stream.EventsBody(1000, 1100))).EnsureSuccessStatusCode();
        var report = await (await http.PostAsync($"v1/models/{Model}/retention", null)).ReadJson();
        var firstRetained = report.GetProperty("firstRetainedSequence").GetInt64();
        Assert.True(report.GetProperty("droppedEntries").GetInt64() > 0);
        var v2 = await (await http.GetAsync($"v1/models/{Model}/versions/2")).Read<VersionView>();
        Assert.True(firstRetained > v2.Window!.ToSequence, $"first retained {firstRetained}, window {v2.Window.FromSequence}–{v2.Window.ToSequence}");

        var cut = await http.PostAsync($"v1/models/{Model}/versions/2/reproduce", null);
        Assert.Equal(HttpStatusCode.Conflict, cut.StatusCode);
        var error = FirstError(await cut.ReadJson());
        Assert.Equal("version", error.Field);
        Assert.Contains($"sequence {firstRetained}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"sequences {v2.Window.FromSequence} to {v2.Window.ToSequence}", error.Message, StringComparison.Ordinal);

        // The refusal trained nothing and registered nothing; the version is still champion.
        var versions = await (await http.GetAsync($"v1/models/{Model}/versions")).Read<VersionListResponse>();
        Assert.Equal(["1", "2"], versions.Versions.Select(v => v.Version));
        Assert.Equal(["champion"], versions.Versions.Single(v => v.Version == "2").Aliases);
    }

    [Fact]
    public async Task The_online_version_is_a_400_and_an_unknown_version_or_model_a_404_each_naming_the_field()
    {
        await using var silo = await TestSilo.StartAsync("reproduce-refused");
        var http = silo.Http;
        (await http.PutRaw($"v1/models/{Model}", Definitions.Elec2)).EnsureSuccessStatusCode();

        var online = await http.PostAsync($"v1/models/{Model}/versions/1/reproduce", null);
        Assert.Equal(HttpStatusCode.BadRequest, online.StatusCode);
        var onlineError = FirstError(await online.ReadJson());
        Assert.Equal("version", onlineError.Field);
        Assert.Contains("version 1", onlineError.Message, StringComparison.Ordinal);

        var unknown = await http.PostAsync($"v1/models/{Model}/versions/7/reproduce", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("version", FirstError(await unknown.ReadJson()).Field);

        var noModel = await http.PostAsync("v1/models/never-registered/versions/2/reproduce", null);
        Assert.Equal(HttpStatusCode.NotFound, noModel.StatusCode);
        Assert.Equal("model", FirstError(await noModel.ReadJson()).Field);

        Assert.Single((await (await http.GetAsync($"v1/models/{Model}/versions")).Read<VersionListResponse>()).Versions);
    }

    private static (string Field, string Message) FirstError(JsonElement problem)
    {
        var error = problem.GetProperty("errors")[0];
        return (error.GetProperty("field").GetString()!, error.GetProperty("message").GetString()!);
    }
}
