using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;
using Orleans.Serialization;
using Orleans.TestingHost;
using OrleansCt.Abstractions.Alerts;
using OrleansCt.Abstractions.Drift;
using OrleansCt.Abstractions.Ingest;
using OrleansCt.Abstractions.Models;
using OrleansCt.Abstractions.Serialization;
using OrleansCt.Core.Alerts;
using OrleansCt.Core.Drift.Windows;
using OrleansCt.Core.Validation;
using OrleansCt.Hosting.Configuration;
using OrleansCt.Hosting.Tests.Infrastructure;
using OrleansCt.Testing;

namespace OrleansCt.Hosting.Tests.Serialization;

/// <summary>
/// Every typed grain result (stats, drift, reference, alert list and action, feature-window history) through a
/// cluster client, so each is serialized on the wire: its contract comes back equal to the one a call inside the silo
/// gives, written in the HTTP convention.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class ContractResultsClusterTests
{
    [Fact]
    public async Task Every_typed_result_round_trips_through_a_cluster_client()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OrleansCt:Storage:Kind"] = "sqlite",
            ["OrleansCt:Storage:DataPath"] = TestFolders.Create("contracts-wire"),
        }).Build();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo.AddOrleansCt(configuration, clustering: false));
        builder.ConfigureClient(client => client.Services.AddSerializer(serializer => serializer.AddContracts()));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        try
        {
            var remote = cluster.Client;
            var local = cluster.GetSiloServiceProvider(cluster.Silos[0].SiloAddress).GetRequiredService<IGrainFactory>();
            var definition = JsonSerializer.Deserialize<ModelDefinition>(Definitions.Binary, JsonDefaults.Options)!;
            Assert.Equal(RegisterStatus.Created, (await remote.GetGrain<IModelGrain>("wire").Register(definition)).Status);
            var events = string.Join(",", Enumerable.Range(0, 60).Select(i =>
                $$"""{"id": "w{{i}}", "time": {{i * 60}}, "features": {"nswprice": {{(i % 10) / 10.0}}, "day": "{{1 + i % 7}}"}, "label": "{{(i % 10 >= 5 ? "UP" : "DOWN")}}"}"""));
            var ingested = await remote.GetGrain<IIngestGrain>(0).Ingest("wire", BatchKind.Events, new(Encoding.UTF8.GetBytes($$"""{"events": [{{events}}]}""")));
            Assert.Equal(IngestStatus.Ok, ingested.Status);

            var csv = "nswprice,day,class\n" + string.Join("\n", Enumerable.Range(0, 40).Select(i => $"{(i % 10) / 10.0},{1 + i % 7},{(i % 2 == 0 ? "UP" : "DOWN")}"));
            var reference = await remote.GetGrain<IModelGrain>("wire").SetReference(new ReferenceSubmission(Encoding.UTF8.GetBytes(csv), null, null, false).AsImmutable());
            Assert.Equal(ReferenceStatus.Set, reference.Status);
            Assert.Equal(("wire", 40L, 2), (reference.Reference!.Model, reference.Reference.Rows, reference.Reference.Features.Count));
            Assert.Equal(2, reference.Reference.InferredSchema.Features.Count);
            var unknown = await remote.GetGrain<IModelGrain>("nobody").SetReference(new ReferenceSubmission(null, 0, 1, false).AsImmutable());
            Assert.Equal((ReferenceStatus.NotFound, null), (unknown.Status, unknown.Reference));

            var stats = await remote.GetGrain<IModelGrain>("wire").GetStats("all");
            Assert.Equal(ReadStatus.Ok, stats.Status);
            Assert.Equal(Http((await local.GetGrain<IModelGrain>("wire").GetStats("all")).Stats), Http(stats.Stats));
            Assert.Equal(60, stats.Stats!.Window.Events);
            var badWindow = await remote.GetGrain<IModelGrain>("wire").GetStats("yesterday");
            Assert.Equal(ReadStatus.Invalid, badWindow.Status);
            Assert.NotEmpty(badWindow.Errors);
            Assert.Equal(ReadStatus.NotFound, (await remote.GetGrain<IModelGrain>("nobody").GetStats("all")).Status);

            var drift = await remote.GetGrain<IModelGrain>("wire").GetDrift(null, null, null);
            Assert.Equal(ReadStatus.Ok, drift.Status);
            Assert.Equal(Http((await local.GetGrain<IModelGrain>("wire").GetDrift(null, null, null)).Drift), Http(drift.Drift));
            Assert.Equal(ReadStatus.NotFound, (await remote.GetGrain<IModelGrain>("nobody").GetDrift(null, null, null)).Status);
            var history = await remote.GetGrain<IFeatureWindowGrain>("wire/0").GetHistory(null, null, null);
            Assert.Equal(Http(await local.GetGrain<IFeatureWindowGrain>("wire/0").GetHistory(null, null, null)), Http(history));

            // An alert opened by hand (the observation a window would make), then listed and acknowledged from outside.
            var observation = new AlertObservation("drift", "nswprice", "jsDistance", 0.5, 0.1, false, 0, 3600, 7, 3600);
            await local.GetGrain<IAlertGrain>("wire").Observe(DriftJson.Write(new[] { observation }).AsImmutable(), DriftJson.Write(new AlertSpec()).AsImmutable());
            var alerts = await remote.GetGrain<IAlertGrain>("wire").List(null);
            var alert = Assert.Single(alerts);
            Assert.Equal(Http(await local.GetGrain<IAlertGrain>("wire").List(null)), Http(alerts));
            var acknowledged = await remote.GetGrain<IAlertGrain>("wire").Acknowledge(alert.Id, "ana", "looking");
            Assert.Equal((AlertActionStatus.Done, AlertStatus.Acknowledged, "ana"), (acknowledged.Status, acknowledged.Alert!.State, acknowledged.Alert.AcknowledgedBy));
            var missing = await remote.GetGrain<IAlertGrain>("wire").Resolve("drift:none:1", "ana");
            Assert.Equal((AlertActionStatus.NotFound, null), (missing.Status, missing.Alert));
            Assert.NotNull(missing.Error);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public void Contract_types_go_as_json_and_surrogated_ones_keep_their_surrogates()
    {
        Assert.True(ContractsSerialization.IsCarried(typeof(StatsResponse)));
        Assert.True(ContractsSerialization.IsCarried(typeof(DriftEvaluation)));
        Assert.True(ContractsSerialization.IsCarried(typeof(Alert)));
        Assert.False(ContractsSerialization.IsCarried(typeof(ModelDefinition)));
        Assert.False(ContractsSerialization.IsCarried(typeof(FieldError)));
        Assert.False(ContractsSerialization.IsCarried(typeof(AlertSeverity)));
        Assert.False(ContractsSerialization.IsCarried(typeof(StatsResult)));
    }

    [Fact]
    public void A_drift_evaluation_with_nan_and_infinities_round_trips_bit_for_bit()
    {
        var serializer = new ServiceCollection()
            .AddSerializer(b => b.AddAssembly(typeof(StatsResult).Assembly).AddContracts())
            .BuildServiceProvider()
            .GetRequiredService<Serializer>();
        var scores = new DriftScores(double.NaN, double.PositiveInfinity, 0.1 + 0.2, -0.0, 1e-310, double.NegativeInfinity, null, 0.05, 1.0 / 3);
        var evaluation = new DriftEvaluation(2, null, 3600, 1, 9, 100, 3, [new ColumnDrift("x", "psi", double.NaN, 0.2, false, true, 100, scores)], null, null, [], 0.5, true,
            new MultivariateDrift(MultivariateDrift.Name, 0.3, 0.25, true, 100));
        var result = new DriftResult(ReadStatus.Ok, new DriftResponse("m", 2, 3600, [evaluation]));

        var back = serializer.Deserialize<DriftResult>(serializer.SerializeToArray(result))!;

        var point = Assert.Single(back.Drift!.Points);
        Assert.Equal(ReadStatus.Ok, back.Status);
        Assert.Equal(Bits(scores), Bits(point.Features[0].Scores));
        Assert.True(double.IsNaN(point.Features[0].Score));
        Assert.Equal(evaluation.Multivariate, point.Multivariate);
        Assert.Equal((evaluation.WindowStart, evaluation.WindowEnd, evaluation.LastSequence, evaluation.DatasetDrifted), (point.WindowStart, point.WindowEnd, point.LastSequence, point.DatasetDrifted));
    }

    private static string Http<T>(T value) => JsonSerializer.Serialize(value, JsonDefaults.Options);

    private static long[] Bits(DriftScores s) =>
        new[] { s.JsDistance, s.Psi, s.Hellinger, s.LInfinity, s.Chi2, s.Chi2P, s.KsD ?? 7, s.KsP ?? 7, s.WassersteinNormed ?? 7 }.Select(BitConverter.DoubleToInt64Bits).ToArray();
}
