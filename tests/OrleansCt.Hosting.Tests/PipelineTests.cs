using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using OrleansCt.Hosting.Tests.Infrastructure;
using OrleansCt.Storage.Log;
using OrleansCt.Testing;

namespace OrleansCt.Hosting.Tests;

/// <summary>
/// Many requests for one model in flight at once: the model grain takes each one's sequence and starts its append while the
/// others commit. Nothing may be counted twice, every answer must be the logged one, and the state the grain reached live must
/// be the one a restart rebuilds from the log.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class PipelineTests
{
    private static string Events(string prefix, int batch, bool labels) =>
        "{\"events\": [" + string.Join(",", Enumerable.Range(0, 20).Select(i =>
        {
            var price = ((batch * 20) + i) % 100 / 100.0;
            var label = labels ? $", \"label\": \"{(price > 0.5 ? "UP" : "DOWN")}\"" : "";
            return $$"""{"id": "{{prefix}}{{batch}}-{{i}}", "time": {{(batch * 20) + i}}, "features": {"nswprice": {{price.ToString(CultureInfo.InvariantCulture)}}, "day": "{{1 + (i % 7)}}"}{{label}}}""";
        })) + "]}";

    /// <summary>
    /// On SQLite (appends durable later, on its writer thread), on SQLite with appends durable before they return (as PostgreSQL's
    /// sometimes are on loopback: that once left a finished append in the grain's bookkeeping and a request spinning on it), and
    /// on a real PostgreSQL server.
    /// </summary>
    [Theory]
    [InlineData("sqlite")]
    [InlineData("durable-on-return")]
    [InlineData("postgres")]
    public async Task Concurrent_batches_resends_and_labels_for_one_model_are_each_counted_once_and_replay_to_the_same_state(string log)
    {
        var settings = new Dictionary<string, string?> { ["OrleansCt:Model:SnapshotUpdates"] = "1" };
        Action<IServiceCollection>? services = null;
        if (log == "postgres")
        {
            settings["OrleansCt:Storage:Kind"] = "postgres";
            settings["OrleansCt:Storage:ConnectionString"] = await TestServers.CreatePostgresDatabaseAsync("pipeline");
        }
        else if (log == "durable-on-return")
        {
            services = s =>
            {
                var registered = s.Last(d => d.ServiceType == typeof(IEventLog));
                s.AddSingleton<IEventLog>(sp => new DurableOnReturnLog((IEventLog)registered.ImplementationFactory!(sp)));
            };
        }

        var silo = await TestSilo.StartAsync($"pipeline-{log}", settings, services: services);
        try
        {
            var http = silo.Http;
            await http.PutRaw("v1/models/busy", Definitions.Binary);

            // 24 labelled batches, 12 predict batches and resends of 8 labelled ones, all at once; then labels for the predicted events.
            var labelled = Enumerable.Range(0, 24).Select(b => http.PostRaw("v1/models/busy/events", Events("e", b, labels: true))).ToList();
            var predicted = Enumerable.Range(0, 12).Select(b => http.PostRaw("v1/models/busy/predict", Events("p", b, labels: false))).ToList();
            var resent = Enumerable.Range(0, 8).Select(b => http.PostRaw("v1/models/busy/events", Events("e", b * 3, labels: true))).ToList();
            await Task.WhenAll(labelled.Concat(predicted).Concat(resent));
            var labels = Enumerable.Range(0, 12).Select(b => http.PostRaw("v1/models/busy/labels",
                "{\"labels\": [" + string.Join(",", Enumerable.Range(0, 20).Select(i => $$"""{"id": "p{{b}}-{{i}}", "label": "UP"}""")) + "]}")).ToList();
            await Task.WhenAll(labels);

            var originals = await Task.WhenAll(labelled.Select(async t => await (await t).Read<PredictResponse>()));
            var resends = await Task.WhenAll(resent.Select(async t => await (await t).Read<PredictResponse>()));
            var joins = await Task.WhenAll(labels.Select(async t => await (await t).Read<LabelsResponse>()));
            for (var r = 0; r < resends.Length; r++)
            {
                // Whichever of the two was logged first, both answer with its predictions and version.
                var original = originals[r * 3];
                var pair = new[] { original, resends[r] };
                Assert.Equal(20, pair.Sum(p => p.Duplicates));
                Assert.Equal(original.Predictions.Select(p => (p.Id, p.Version, p.Probabilities!["UP"])), resends[r].Predictions.Select(p => (p.Id, p.Version, p.Probabilities!["UP"])));
            }

            Assert.All(joins, j => Assert.Equal(new LabelsResponse(20, 20, 0, 0), j));
            var live = await (await http.GetAsync("v1/models/busy")).Read<ModelResponse>();
            Assert.Equal((36L * 20, 36L * 20, 36L * 20), (live.Events, live.Labels, live.LearnerUpdates));
            var stats = await (await http.GetAsync("v1/models/busy/stats")).ReadJson();

            silo = await silo.RestartAsync();

            var replayed = await (await silo.Http.GetAsync("v1/models/busy")).Read<ModelResponse>();
            var replayedStats = await (await silo.Http.GetAsync("v1/models/busy/stats")).ReadJson();
            Assert.Equal((live.Events, live.Labels, live.LearnerUpdates, live.LastSequence), (replayed.Events, replayed.Labels, replayed.LearnerUpdates, replayed.LastSequence));
            Assert.Equal(live.Snapshot, replayed.Snapshot);
            Assert.Equal(live.Performance, replayed.Performance);
            Assert.Equal(stats.GetRawText(), replayedStats.GetRawText());
        }
        finally
        {
            await silo.DisposeAsync();
        }
    }
}
