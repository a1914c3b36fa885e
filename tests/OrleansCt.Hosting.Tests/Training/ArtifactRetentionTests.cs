using System.Net;
using OrleansCt.Hosting.Tests.Infrastructure;

namespace OrleansCt.Hosting.Tests.Training;

/// <summary>Artifacts of versions that are neither champion nor among the newest N go; their records stay.</summary>
[Collection(SiloCollection.Name)]
public sealed class ArtifactRetentionTests
{
    [Fact]
    public async Task With_one_artifact_kept_an_old_version_loses_its_zip_keeps_its_record_and_cannot_become_champion()
    {
        await using var silo = await TestSilo.StartAsync("artifact-retention", new Dictionary<string, string?> { ["OrleansCt:Training:KeepArtifacts"] = "1" });
        var http = silo.Http;
        (await http.PutRaw("v1/models/kept", Definitions.Elec2)).EnsureSuccessStatusCode();
        await Elec2Stream.SendAsync(http, "kept", 0, 1000);

        // Three trainers, three different zips: versions 2, 3 and 4, each promoted in turn (a gate that lets anything pass).
        foreach (var trainer in new[] { "lightGbm", "fastTree", "sdca" })
        {
            var accepted = await (await http.PostRaw("v1/models/kept/retrain", $$$"""{"trainer": "{{{trainer}}}", "gate": {"maxWorsening": 1}}""")).Read<RetrainView>();
            Assert.Equal("promoted", (await (await http.GetAsync($"v1/models/kept/retrains/{accepted.Id}?wait=120")).Read<RetrainView>()).State);
        }

        // When version 4 was registered, version 3 was champion and version 4 the newest: version 2's zip went.
        var versions = (await (await http.GetAsync("v1/models/kept/versions")).Read<VersionListResponse>()).Versions;
        Assert.Equal([false, true, false, false], versions.Select(v => v.ArtifactDropped));
        Assert.NotNull(versions[1].ArtifactSha256);
        Assert.Equal(HttpStatusCode.Gone, (await http.GetAsync("v1/models/kept/versions/2/artifact")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("v1/models/kept/versions/3/artifact")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("v1/models/kept/versions/1/artifact")).StatusCode);

        var refused = await http.PostRaw("v1/models/kept/versions/2/promote", """{"reason": "try the old one"}""");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("dropped", (await refused.ReadJson()).GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("4", (await (await http.GetAsync("v1/models/kept")).Read<ModelResponse>()).Champion);
    }
}
