using System.Net;
using System.Security.Cryptography;
using Npgsql;
using OrleansCt.Hosting.Tests.Infrastructure;
using OrleansCt.Testing;

namespace OrleansCt.Hosting.Tests.Training;

/// <summary>
/// The training half on the cluster's storage: a retrain on a silo over a real PostgreSQL server is promoted, its artifact is
/// stored in PostgreSQL and downloads with its recorded SHA-256, and after a restart the registry, the retrains and the champion
/// read the same and the champion is loaded back from the database to answer. (The server: ORLEANSCT_TEST_POSTGRES, or one started
/// from the local binaries; without either the test fails saying how to install them.)
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class PostgresRetrainTests
{
    private const string Model = "elec-pg";

    [Fact]
    public async Task A_retrain_on_postgres_is_promoted_its_artifact_is_stored_there_and_it_still_answers_after_a_restart()
    {
        var connectionString = await TestServers.CreatePostgresDatabaseAsync("retrain");
        var settings = new Dictionary<string, string?>
        {
            ["OrleansCt:Storage:Kind"] = "postgres",
            ["OrleansCt:Storage:ConnectionString"] = connectionString,
        };
        var silo = await TestSilo.StartAsync("pg-retrain", settings);
        try
        {
            var http = silo.Http;
            (await http.PutRaw($"v1/models/{Model}", Definitions.Elec2)).EnsureSuccessStatusCode();
            for (var start = 0; start < 1_500; start += 100)
            {
                (await http.PostRaw($"v1/models/{Model}/events", Elec2Stream.EventsBody(start, start + 100))).EnsureSuccessStatusCode();
            }

            var response = await http.PostRaw($"v1/models/{Model}/retrain", """{"trainer": "lightGbm", "gate": {"maxWorsening": 0.5}}""");
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            var accepted = await response.Read<RetrainView>();
            Assert.Equal("1", accepted.Id);

            var decided = await (await http.GetAsync($"v1/models/{Model}/retrains/1?wait=120")).Read<RetrainView>();
            Assert.True(decided.State == "promoted", $"{decided.State}: {decided.Decision?.Summary} {decided.Error}");
            Assert.Equal(("2", "1", "lightGbm"), (decided.Candidate, decided.Champion, decided.Trainer));
            Assert.NotNull(decided.PromotedAtSequence);

            // The zip downloads, and its SHA-256 (computed here) is the one the version records.
            var v2 = await (await http.GetAsync($"v1/models/{Model}/versions/2")).Read<VersionView>();
            Assert.Equal(("mlnet", "lightGbm"), (v2.Kind, v2.Trainer));
            var download = await http.GetAsync($"v1/models/{Model}/versions/2/artifact");
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            var zip = await download.Content.ReadAsByteArrayAsync();
            Assert.NotEmpty(zip);
            Assert.Equal(v2.ArtifactSha256, Sha256(zip));

            // The bytes are in PostgreSQL itself (the artifacts table of this database), not in a file beside the silo.
            Assert.Equal(zip, await StoredArtifactAsync(connectionString, v2.ArtifactSha256!));

            var before = await PredictAsync(http, "before");
            Assert.All(before.Predictions, p => Assert.Equal("2", p.Version));
            var versions = await ReadStringAsync(http, $"v1/models/{Model}/versions");
            var retrains = await ReadStringAsync(http, $"v1/models/{Model}/retrains");
            Assert.Equal("2", (await (await http.GetAsync($"v1/models/{Model}")).Read<ModelResponse>()).Champion);

            // A clean restart: a new process state (a new champion cache), the same database.
            silo = await silo.RestartAsync();
            http = silo.Http;

            Assert.Equal(versions, await ReadStringAsync(http, $"v1/models/{Model}/versions"));
            Assert.Equal(retrains, await ReadStringAsync(http, $"v1/models/{Model}/retrains"));
            Assert.Equal("2", (await (await http.GetAsync($"v1/models/{Model}")).Read<ModelResponse>()).Champion);
            var champion = await (await http.GetAsync($"v1/models/{Model}/aliases/champion")).Read<VersionView>();
            Assert.Equal(("2", v2.ArtifactSha256), (champion.Version, champion.ArtifactSha256));

            // Fresh ids (not answered from the log): version 2 loaded back from the database scores them as it did before the restart.
            var after = await PredictAsync(http, "after");
            Assert.All(after.Predictions, p => Assert.Equal("2", p.Version));
            Assert.Equal(0, after.Duplicates);
            Assert.Equal(
                before.Predictions.Select(p => (p.Label, p.Probabilities!["UP"], p.Probabilities["DOWN"])),
                after.Predictions.Select(p => (p.Label, p.Probabilities!["UP"], p.Probabilities["DOWN"])));

            // And the zip still downloads with the same bytes.
            Assert.Equal(zip, await (await http.GetAsync($"v1/models/{Model}/versions/2/artifact")).Content.ReadAsByteArrayAsync());
        }
        finally
        {
            await silo.DisposeAsync();
        }
    }

    /// <summary>Rows 1,500–1,519 of elec2 without their labels, under ids of <paramref name="prefix"/>.</summary>
    private static async Task<PredictResponse> PredictAsync(HttpClient http, string prefix)
    {
        var response = await http.PostRaw($"v1/models/{Model}/predict", Elec2Stream.PredictBody(1_500, 1_520, prefix));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var predicted = await response.Read<PredictResponse>();
        Assert.Equal(20, predicted.Predictions.Count);
        return predicted;
    }

    private static async Task<string> ReadStringAsync(HttpClient http, string path)
    {
        var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>The content of the model's artifact row stored under <paramref name="sha256"/>, read with plain SQL.</summary>
    private static async Task<byte[]?> StoredArtifactAsync(string connectionString, string sha256)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var select = new NpgsqlCommand("SELECT content FROM artifacts WHERE model = @model AND sha256 = @sha", connection);
        select.Parameters.AddWithValue("model", Model);
        select.Parameters.AddWithValue("sha", sha256);
        return await select.ExecuteScalarAsync() as byte[];
    }
}
