using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Serialization;
using OrleansCt.Abstractions.Models;
using OrleansCt.Abstractions.Serialization;
using OrleansCt.Abstractions.Training;
using OrleansCt.Hosting.Tests.Infrastructure;
using OrleansCt.Testing;
using Xunit.Abstractions;

namespace OrleansCt.Hosting.Tests.Training;

/// <summary>
/// A promotion in the cluster setup — two real silo processes, Redis membership, PostgreSQL storage — reaches every silo. The
/// ingest grains of both silos hold a snapshot naming version 1 when version 2 is promoted; nothing pushes them the new one, so
/// the first batch each predicts afterwards is answered <c>Stale</c> by the model grain at its append and predicted again with
/// version 2: every answer, and every row logged after the promotion entry, carries "2". The silo that did not train version 2
/// loads its zip from the artifact store in PostgreSQL and scores the same rows to the same probabilities as the one that did.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class ClusterPromotionTests(ITestOutputHelper output)
{
    private const string Model = "elec-cluster";
    private const string Path = $"v1/models/{Model}";
    private const int Rows = 1_500;

    [Fact]
    public async Task After_a_promotion_every_silo_answers_with_the_new_champion_loaded_from_the_artifact_store()
    {
        var clock = Stopwatch.StartNew();
        var postgres = await TestServers.CreatePostgresDatabaseAsync("clusterpromo");
        await using var redis = await TestServers.StartRedisAsync();
        var clusterId = $"promo-{Guid.NewGuid():N}";
        var environment = new Dictionary<string, string>
        {
            ["OrleansCt__Storage__Kind"] = "postgres",
            ["OrleansCt__Storage__ConnectionString"] = postgres,
            ["OrleansCt__Cluster__Kind"] = "redis",
            ["OrleansCt__Cluster__Redis"] = redis.Endpoint,
            ["OrleansCt__Cluster__ClusterId"] = clusterId,
            ["OrleansCt__Cluster__ServiceId"] = clusterId,
        };
        var portsOf = new[] { FreePorts.Get(3), FreePorts.Get(3) };
        var started = await Task.WhenAll(portsOf.Select((ports, i) =>
            SiloProcess.StartAsync(TestFolders.Create($"cluster-promotion-{i}"), ports, environment, TimeSpan.FromSeconds(90))));
        await using var silo0 = started[0];
        await using var silo1 = started[1];
        using var client = await ClientAsync(redis.Endpoint, clusterId);
        try
        {
            (await silo0.Http.PutRaw(Path, Definitions.Elec2)).EnsureSuccessStatusCode();

            // Where the coordinator lives is where the retrain trains (its silo's training queue). Activated now, by a read of the
            // retrains, so that the silo that trains is known before anything else: it is A, the other B.
            (await silo0.Http.GetAsync($"{Path}/retrains")).EnsureSuccessStatusCode();
            var coordinator = client.Services.GetRequiredService<IGrainFactory>().GetGrain<ICoordinatorGrain>(Model).GetGrainId();
            var modelGrain = client.Services.GetRequiredService<IGrainFactory>().GetGrain<IModelGrain>(Model).GetGrainId();
            var trainerPort = (await HostOfAsync(client, coordinator)).Endpoint.Port;
            var (a, b) = trainerPort == portsOf[0][1] ? (silo0, silo1) : (silo1, silo0);
            Assert.Contains(trainerPort, portsOf.Select(p => p[1]));

            for (var from = 0; from < Rows; from += 100)
            {
                (await a.Http.PostRaw($"{Path}/events", Elec2Stream.EventsBody(from, from + 100))).EnsureSuccessStatusCode();
            }

            // B's ingest grain now holds the online snapshot (version 1), as does A's (it read one for the /events batches).
            var bBefore = await PredictAsync(b, "b-before");
            Assert.All(bBefore.Predictions, p => Assert.Equal("1", p.Version));
            var model = await ModelAsync(b);
            Assert.Equal("1", model.Champion);
            var loggedBefore = model.LastSequence;

            var posted = await a.Http.PostRaw($"{Path}/retrain", """{"trainer": "lightGbm", "gate": {"maxWorsening": 0.5}}""");
            Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
            Assert.Equal("1", (await posted.Read<RetrainView>()).Id);
            var decided = await (await a.Http.GetAsync($"{Path}/retrains/1?wait=120")).EnsureSuccessStatusCode().Read<RetrainView>();
            Assert.True(decided.State == "promoted", $"{decided.State}: {decided.Decision?.Summary} {decided.Error}");
            Assert.Equal(("2", "1"), (decided.Candidate, decided.Champion));

            // Nothing was appended between the rows and the promotion entry; the coordinator (the trainer) did not move.
            var promotedAt = decided.PromotedAtSequence!.Value;
            Assert.Equal(loggedBefore + 1, promotedAt);
            Assert.Equal(trainerPort, (await HostOfAsync(client, coordinator)).Endpoint.Port);
            var modelPort = (await HostOfAsync(client, modelGrain)).Endpoint.Port;
            output.WriteLine($"trained on the silo at port {trainerPort}; the model grain on {modelPort}; B is at {(b == silo0 ? portsOf[0][1] : portsOf[1][1])}");

            // B first: its ingest grain still names version 1; the model grain answers Stale and it predicts again with 2. The zip
            // it scores with was loaded in B's process from PostgreSQL (B did not train it).
            var bAfter = await PredictAsync(b, "b-after");
            Assert.All(bAfter.Predictions, p => Assert.Equal("2", p.Version));
            Assert.Equal(0, bAfter.Duplicates);
            var aAfter = await PredictAsync(a, "a-after");
            Assert.All(aAfter.Predictions, p => Assert.Equal("2", p.Version));

            // Same zip, same bytes: the same rows score to the same probabilities on both silos (and unlike version 1's).
            Assert.Equal(Scores(aAfter), Scores(bAfter));
            Assert.NotEqual(Scores(bBefore), Scores(bAfter));

            // The rows logged after the promotion entry carry version 2: the same batch sent again (through A this time) is
            // answered from its log entry, as the rows before the promotion are answered with the version 1 they were logged with.
            var resentAfter = await PredictAsync(a, "b-after");
            Assert.Equal(20, resentAfter.Duplicates);
            Assert.All(resentAfter.Predictions, p => Assert.Equal("2", p.Version));
            Assert.Equal(Scores(bAfter), Scores(resentAfter));
            var resentBefore = await PredictAsync(a, "b-before");
            Assert.Equal(20, resentBefore.Duplicates);
            Assert.All(resentBefore.Predictions, p => Assert.Equal("1", p.Version));

            // Through B, the model and the registry name version 2 champion; its zip is in this database's artifacts table.
            model = await ModelAsync(b);
            Assert.Equal("2", model.Champion);
            Assert.True(model.LastSequence > promotedAt);
            var champion = await (await b.Http.GetAsync($"{Path}/aliases/champion")).EnsureSuccessStatusCode().Read<VersionView>();
            Assert.Equal(("2", "mlnet"), (champion.Version, champion.Kind));
            Assert.True(await StoredArtifactSizeAsync(postgres, champion.ArtifactSha256!) > 0);

            output.WriteLine($"ran in {clock.Elapsed.TotalSeconds:F1} s");
        }
        catch
        {
            output.WriteLine("--- silo 0 ---\n" + string.Join('\n', silo0.Output.TakeLast(40)));
            output.WriteLine("--- silo 1 ---\n" + string.Join('\n', silo1.Output.TakeLast(40)));
            throw;
        }
    }

    /// <summary>An Orleans client of the cluster (its gateways through Redis), only to ask the management grain where grains live.</summary>
    private static async Task<IHost> ClientAsync(string redis, string clusterId)
    {
        var host = new HostBuilder()
            .UseOrleansClient(client =>
            {
                client.UseRedisClustering(redis);
                client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, clusterId));
                client.Services.AddSerializer(serializer => serializer.AddContracts());
            })
            .Build();
        await host.StartAsync();
        return host;
    }

    private static async Task<SiloAddress> HostOfAsync(IHost client, GrainId grain)
    {
        var management = client.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        var statistics = await management.GetDetailedGrainStatistics();
        return Assert.Single(statistics, s => s.GrainId == grain).SiloAddress;
    }

    /// <summary>Rows 1,500–1,519 of elec2 without their labels, under ids of <paramref name="prefix"/>.</summary>
    private static async Task<PredictResponse> PredictAsync(SiloProcess silo, string prefix)
    {
        var response = await silo.Http.PostRaw($"{Path}/predict", Elec2Stream.PredictBody(Rows, Rows + 20, prefix));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var predicted = await response.Read<PredictResponse>();
        Assert.Equal(20, predicted.Predictions.Count);
        return predicted;
    }

    private static IEnumerable<(string?, double, double)> Scores(PredictResponse predicted) =>
        predicted.Predictions.Select(p => (p.Label, p.Probabilities!["UP"], p.Probabilities["DOWN"])).ToList();

    private static async Task<ModelResponse> ModelAsync(SiloProcess silo) =>
        await (await silo.Http.GetAsync(Path)).EnsureSuccessStatusCode().Read<ModelResponse>();

    private static async Task<long> StoredArtifactSizeAsync(string connectionString, string sha256)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var select = new NpgsqlCommand("SELECT length(content) FROM artifacts WHERE model = @model AND sha256 = @sha", connection);
        select.Parameters.AddWithValue("model", Model);
        select.Parameters.AddWithValue("sha", sha256);
        return Convert.ToInt64(await select.ExecuteScalarAsync() ?? 0);
    }
}
