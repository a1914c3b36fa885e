using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.TestingHost;
using OrleansCt.Abstractions.Ingest;
using OrleansCt.Abstractions.Models;
using OrleansCt.Abstractions.Serialization;
using OrleansCt.Core.Schema;
using OrleansCt.Core.Validation;
using OrleansCt.Hosting.Configuration;
using OrleansCt.Hosting.Tests.Infrastructure;
using OrleansCt.Testing;

namespace OrleansCt.Hosting.Tests;

[Collection(SiloCollection.Name)]
public sealed class ClusterTests
{
    /// <summary>
    /// Two silos over TCP with Redis membership and PostgreSQL storage (the cluster setup, real servers). Events are
    /// ingested, the silo hosting the model grain is stopped, and the survivor serves the same model and weights.
    /// </summary>
    [Fact]
    public async Task When_the_silo_hosting_a_model_stops_the_survivor_serves_its_model_and_learned_state()
    {
        var postgres = await TestServers.CreatePostgresDatabaseAsync("cluster");
        await using var redis = await TestServers.StartRedisAsync();
        var builder = new TestClusterBuilder(2);
        builder.Options.UseTestClusterMembership = false;
        builder.Options.ClusterId = $"cluster-{Guid.NewGuid():N}";
        builder.Options.ServiceId = builder.Options.ClusterId;
        builder.Properties["OrleansCt:Storage:Kind"] = "postgres";
        builder.Properties["OrleansCt:Storage:ConnectionString"] = postgres;
        builder.Properties["OrleansCt:Model:SnapshotUpdates"] = "1";
        builder.Properties["Redis"] = redis.Endpoint;
        builder.AddSiloBuilderConfigurator<RedisPostgresSilo>();
        builder.AddClientBuilderConfigurator<RedisClient>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        try
        {
            var client = cluster.Client;
            var definition = System.Text.Json.JsonSerializer.Deserialize<ModelDefinition>(Definitions.Binary, JsonDefaults.Options)!;
            Assert.Equal(RegisterStatus.Created, (await client.GetGrain<IModelGrain>("clustered").Register(definition)).Status);
            for (var batch = 0; batch < 10; batch++)
            {
                var events = string.Join(",", Enumerable.Range(0, 100).Select(i =>
                    $$"""{"id": "c{{batch}}-{{i}}", "features": {"nswprice": {{(i % 10) / 10.0}}, "day": "{{1 + i % 7}}"}, "label": "{{(i % 10 >= 5 ? "UP" : "DOWN")}}"}"""));
                var result = await client.GetGrain<IIngestGrain>(0).Ingest("clustered", BatchKind.Events, new(System.Text.Encoding.UTF8.GetBytes($$"""{"events": [{{events}}]}""")));
                Assert.Equal(IngestStatus.Ok, result.Status);
            }

            var model = client.GetGrain<IModelGrain>("clustered");
            var before = await model.GetInfo();
            var snapshotBefore = await model.GetSnapshot();
            var host = await HostOf(client, model.GetGrainId());
            await cluster.StopSiloAsync(cluster.Silos.Single(s => s.SiloAddress.Equals(host)));

            var after = await model.GetInfo();
            var snapshotAfter = await model.GetSnapshot();
            Assert.NotEqual(host, await HostOf(client, model.GetGrainId()));
            Assert.Equal((1_000, 1_000L, 1_000L), (after!.Events, after.Labels, after.LearnerUpdates));
            Assert.Equal(before!.Performance, after.Performance);
            Assert.Equal(snapshotBefore!.Digest, snapshotAfter!.Digest);
            Assert.Equal(snapshotBefore.State.Weights, snapshotAfter.State.Weights);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    private static async Task<SiloAddress> HostOf(IClusterClient client, GrainId grain)
    {
        var statistics = await client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return statistics.Single(s => s.GrainId == grain).SiloAddress;
    }

    private sealed class RedisPostgresSilo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var configuration = siloBuilder.Configuration;
            siloBuilder.AddOrleansCt(configuration, clustering: false);
            siloBuilder.UseRedisClustering(configuration["Redis"]!);
            siloBuilder.Configure<ClusterMembershipOptions>(FastFailureDetection.Apply);
        }
    }

    private sealed class RedisClient : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder)
        {
            clientBuilder.UseRedisClustering(configuration["Redis"]!);
            clientBuilder.Services.AddSerializer(serializer => serializer.AddContracts());
        }
    }
}
