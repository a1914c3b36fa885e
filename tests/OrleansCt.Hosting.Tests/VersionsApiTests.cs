using System.Net;
using OrleansCt.Hosting.Tests.Infrastructure;

namespace OrleansCt.Hosting.Tests;

/// <summary>The registry, read: every model starts with version 1, the online learner, champion from its first log entry.</summary>
[Collection(SiloCollection.Name)]
public sealed class VersionsApiTests(SiloFixture fixture)
{
    private HttpClient Http => fixture.Silo.Http;

    [Fact]
    public async Task A_registered_model_lists_version_1_online_as_champion_from_sequence_1()
    {
        Assert.Equal(HttpStatusCode.Created, (await Http.PutRaw("v1/models/ver-list", Definitions.Binary)).StatusCode);

        var list = await (await Http.GetAsync("v1/models/ver-list/versions")).Read<VersionListResponse>();

        var version = Assert.Single(list.Versions);
        Assert.Equal(("1", "online", "online", "registration"), (version.Version, version.Kind, version.Trainer, version.Trigger));
        Assert.Equal(["1"], version.Lineage);
        Assert.Equal(["champion"], version.Aliases);
        Assert.Null(version.Parent);
        var move = Assert.Single(list.History);
        Assert.Equal(("champion", "1", (string?)null, 1L, "system"), (move.Alias, move.Version, move.Previous, move.Sequence, move.By));

        // The model's own answer names the same champion.
        var model = await (await Http.GetAsync("v1/models/ver-list")).Read<ModelResponse>();
        Assert.Equal(model.Champion, (await (await Http.GetAsync("v1/models/ver-list/aliases/champion")).Read<VersionView>()).Version);
        Assert.Equal("1", (await (await Http.GetAsync("v1/models/ver-list/versions/1")).Read<VersionView>()).Version);
    }

    [Fact]
    public async Task Unknown_models_versions_and_aliases_are_named()
    {
        await Http.PutRaw("v1/models/ver-errors", Definitions.Binary);

        await AssertProblem(await Http.GetAsync("v1/models/ver-nobody/versions"), HttpStatusCode.NotFound, "model");
        await AssertProblem(await Http.GetAsync("v1/models/ver-errors/versions/2"), HttpStatusCode.NotFound, "version");
        await AssertProblem(await Http.GetAsync("v1/models/ver-errors/versions/01"), HttpStatusCode.NotFound, "version");
        await AssertProblem(await Http.GetAsync("v1/models/ver-errors/aliases/challenger"), HttpStatusCode.NotFound, "alias");
        await AssertProblem(await Http.GetAsync("v1/models/ver-errors/aliases/staging"), HttpStatusCode.BadRequest, "alias");
        await AssertProblem(await Http.GetAsync("v1/models/bad%20name/versions"), HttpStatusCode.BadRequest, "model");

        // Asking about an unknown model registers nothing.
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync("v1/models/ver-nobody")).StatusCode);
    }

    [Fact]
    public async Task Tags_are_replaced_whole_and_bad_ones_are_named_with_nothing_changed()
    {
        await Http.PutRaw("v1/models/ver-tags", Definitions.Binary);

        var set = await Http.PutRaw("v1/models/ver-tags/versions/1/tags", """{"tags": {"owner": "risk-team", "ticket": "ML-42"}}""");
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal("risk-team", (await set.Read<VersionView>()).Tags!["owner"]);

        await AssertProblem(await Http.PutRaw("v1/models/ver-tags/versions/1/tags", """{"tags": {"owner": 7}}"""), HttpStatusCode.BadRequest, "tags.owner");
        await AssertProblem(await Http.PutRaw("v1/models/ver-tags/versions/1/tags", $$$"""{"tags": {"note": "{{{new string('x', 257)}}}"}}"""), HttpStatusCode.BadRequest, "tags.note");
        await AssertProblem(await Http.PutRaw("v1/models/ver-tags/versions/1/tags", "{}"), HttpStatusCode.BadRequest, "tags");
        await AssertProblem(await Http.PutRaw("v1/models/ver-tags/versions/9/tags", """{"tags": {}}"""), HttpStatusCode.NotFound, "version");
        await AssertProblem(await Http.PutRaw("v1/models/ver-nobody2/versions/1/tags", """{"tags": {}}"""), HttpStatusCode.NotFound, "model");

        var kept = await (await Http.GetAsync("v1/models/ver-tags/versions/1")).Read<VersionView>();
        Assert.Equal(new Dictionary<string, string> { ["owner"] = "risk-team", ["ticket"] = "ML-42" }, kept.Tags);

        Assert.Equal(HttpStatusCode.OK, (await Http.PutRaw("v1/models/ver-tags/versions/1/tags", """{"tags": {}}""")).StatusCode);
        Assert.Null((await (await Http.GetAsync("v1/models/ver-tags/versions/1")).Read<VersionView>()).Tags);
    }

    [Fact]
    public async Task The_registry_is_stored_and_reads_the_same_after_a_restart()
    {
        var silo = await TestSilo.StartAsync("versions-restart");
        try
        {
            await silo.Http.PutRaw("v1/models/kept", Definitions.Binary);
            var before = await (await silo.Http.GetAsync("v1/models/kept/versions")).Content.ReadAsStringAsync();

            silo = await silo.RestartAsync();

            Assert.Equal(before, await (await silo.Http.GetAsync("v1/models/kept/versions")).Content.ReadAsStringAsync());
        }
        finally
        {
            await silo.DisposeAsync();
        }
    }

    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"\"field\":\"{field}\"", body, StringComparison.Ordinal);
    }
}
