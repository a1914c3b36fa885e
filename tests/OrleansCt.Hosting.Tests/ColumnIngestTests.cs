using Orleans.Concurrency;
using OrleansCt.Abstractions.Ingest;
using OrleansCt.Core.Events;
using OrleansCt.Core.Validation;
using OrleansCt.Hosting.Tests.Infrastructure;

namespace OrleansCt.Hosting.Tests;

/// <summary>Batches in columns straight to the ingest grain (a .NET caller of the cluster): the same model state as the same events as JSON.</summary>
[Collection(SiloCollection.Name)]
public sealed class ColumnIngestTests(SiloFixture fixture)
{
    private static EventBatch Batch(int from, int count) => new()
    {
        Ids = Enumerable.Range(from, count).Select(i => $"c{i}").ToArray(),
        Times = Enumerable.Range(from, count).Select(i => 600.0 * i).ToArray(),
        Numeric = [Enumerable.Range(from, count).Select(i => (i % 10) / 10.0).ToArray()],
        Categorical = [Enumerable.Range(from, count).Select(i => (1 + (i % 7)).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray()],
        Labels = Enumerable.Range(from, count).Select(i => i % 10 >= 5 ? 1.0 : 0.0).ToArray(),
    };

    private static string Json(EventBatch batch) =>
        "{\"events\": [" + string.Join(",", Enumerable.Range(0, batch.Count).Select(r =>
            $$"""{"id": "{{batch.Ids[r]}}", "time": {{batch.Times[r]}}, "features": {"nswprice": {{batch.Numeric[0][r].ToString("R", System.Globalization.CultureInfo.InvariantCulture)}}, "day": "{{batch.Categorical[0][r]}}"}, "label": "{{(batch.Labels![r] == 1 ? "UP" : "DOWN")}}"}""")) + "]}";

    [Fact]
    public async Task Columns_and_json_of_the_same_events_leave_the_same_model()
    {
        var http = fixture.Silo.Http;
        await http.PutRaw("v1/models/by-json", Definitions.Binary);
        await http.PutRaw("v1/models/by-columns", Definitions.Binary);
        var ingest = fixture.Silo.Grains.GetGrain<IIngestGrain>(0);
        var answers = new List<IngestResult>();
        foreach (var (from, count) in new[] { (0, 40), (40, 25), (65, 60) })
        {
            (await http.PostRaw("v1/models/by-json/events", Json(Batch(from, count)))).EnsureSuccessStatusCode();
            answers.Add(await ingest.IngestColumns("by-columns", BatchKind.Events, Batch(from, count).AsImmutable()));
        }

        var json = await (await http.GetAsync("v1/models/by-json")).Read<ModelResponse>();
        var columns = await (await http.GetAsync("v1/models/by-columns")).Read<ModelResponse>();
        var jsonStats = (await (await http.GetAsync("v1/models/by-json/stats")).ReadJson()).GetProperty("features").GetRawText();
        var columnStats = (await (await http.GetAsync("v1/models/by-columns/stats")).ReadJson()).GetProperty("features").GetRawText();

        Assert.All(answers, a => Assert.Equal(IngestStatus.Ok, a.Status));
        Assert.Equal((125L, 125L, 125L), (columns.Events, columns.Labels, columns.LearnerUpdates));
        Assert.Equal(json.Snapshot!.Digest, columns.Snapshot!.Digest);
        Assert.Equal(json.Performance, columns.Performance);
        Assert.Equal(jsonStats, columnStats);

        // Resent, the columns are answered from the log, as JSON would be.
        var again = await ingest.IngestColumns("by-columns", BatchKind.Events, Batch(40, 25).AsImmutable());
        Assert.Equal(25, again.Duplicates);
        Assert.Equal(answers[1].Predictions!.Scores, again.Predictions!.Scores);
    }

    [Fact]
    public async Task Out_of_range_columns_are_counted_and_labels_sent_to_predict_are_refused_naming_the_field()
    {
        await fixture.Silo.Http.PutRaw("v1/models/bad-columns", Definitions.Binary);
        var ingest = fixture.Silo.Grains.GetGrain<IIngestGrain>(0);
        var batch = Batch(0, 3);
        batch.Numeric[0][1] = 7;

        var refused = await ingest.IngestColumns("bad-columns", BatchKind.Predict, (batch with { Labels = null }).AsImmutable());
        var unknown = await ingest.IngestColumns("no-such-model", BatchKind.Predict, (batch with { Labels = null }).AsImmutable());
        var model = await (await fixture.Silo.Http.GetAsync("v1/models/bad-columns")).Read<ModelResponse>();

        // nswprice has min 0 and max 1, counted (not refused) by default; the events' labels are refused by predict.
        Assert.Equal(IngestStatus.Ok, refused.Status);
        var withLabels = await ingest.IngestColumns("bad-columns", BatchKind.Predict, Batch(10, 2).AsImmutable());
        Assert.Equal((IngestStatus.Invalid, "events[*].label"), (withLabels.Status, Assert.Single(withLabels.Errors).Field));
        Assert.Equal(IngestStatus.NotFound, unknown.Status);
        Assert.Equal(3, model.Events);
    }
}
