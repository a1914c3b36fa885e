using System.Text.Json;
using OrleansCt.Hosting.Tests.Infrastructure;
using static OrleansCt.Hosting.Tests.Drift.AlertDeliveryTests;

namespace OrleansCt.Hosting.Tests.Drift;

/// <summary>POST reference (CSV or an event-time range), its inferred schema and differences, accepting it, and GET drift.</summary>
[Collection(SiloCollection.Name)]
public sealed class ReferenceApiTests
{
    [Fact]
    public async Task A_csv_reference_is_profiled_compared_with_the_schema_and_can_be_accepted()
    {
        await using var silo = await TestSilo.StartAsync("reference-csv");
        var http = silo.Http;
        (await http.PutRaw("v1/models/toy", ToyDrift.Definition())).EnsureSuccessStatusCode();

        // y cycles 0..6 and the definition says max 100: no range difference; a y of 250 in the reference is one.
        var csv = "x,y,c,label\n" + string.Join('\n', Enumerable.Range(0, 50).Select(i => $"{i % 10},{(i == 7 ? 250 : i % 7)},{(i % 2 == 0 ? "a" : "b")},no"));
        var view = await (await http.PostAsync("v1/models/toy/reference?accept=true", ToyDrift.Csv(csv))).ReadJson();

        Assert.Equal((1, "csv", 50L), (view.GetProperty("revision").GetInt32(), view.GetProperty("source").GetString(), view.GetProperty("rows").GetInt64()));
        var difference = view.GetProperty("differences").EnumerateArray().Single();
        Assert.Equal(("y", "range"), (difference.GetProperty("feature").GetString(), difference.GetProperty("kind").GetString()));
        var x = view.GetProperty("features").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "x");
        Assert.Equal(6, x.GetProperty("distinct").GetInt64());
        Assert.True(view.GetProperty("accepted").GetBoolean());

        // Accepting took the reference's observed range of every feature: x in [0, 9], y in [0, 250].
        var features = (await (await http.GetAsync("v1/models/toy")).ReadJson()).GetProperty("features").EnumerateArray().ToList();
        Assert.Equal((0.0, 9.0), (features[0].GetProperty("min").GetDouble(), features[0].GetProperty("max").GetDouble()));
        Assert.Equal(250.0, features[1].GetProperty("max").GetDouble());
    }

    [Fact]
    public async Task A_reference_from_logged_events_takes_the_rows_of_its_time_range()
    {
        await using var silo = await TestSilo.StartAsync("reference-events");
        var http = silo.Http;
        (await http.PutRaw("v1/models/toy", ToyDrift.Definition())).EnsureSuccessStatusCode();
        (await http.PostRaw("v1/models/toy/events", ToyDrift.Events(0, 3))).EnsureSuccessStatusCode();

        // Hours 0 and 1: 40 events; hour 2 is outside [0, 7200).
        var view = await (await http.PostRaw("v1/models/toy/reference", """{"from": 0, "to": 7200}""")).ReadJson();
        Assert.Equal(("events", 40L), (view.GetProperty("source").GetString(), view.GetProperty("rows").GetInt64()));

        var again = await (await http.PostRaw("v1/models/toy/reference", """{"from": "1970-01-01T00:00:00Z", "to": "1970-01-01T01:00:00Z"}""")).ReadJson();
        Assert.Equal((2, 20L), (again.GetProperty("revision").GetInt32(), again.GetProperty("rows").GetInt64()));
    }

    [Fact]
    public async Task Bad_references_and_drift_reads_name_their_field_and_change_nothing()
    {
        await using var silo = await TestSilo.StartAsync("reference-bad");
        var http = silo.Http;
        (await http.PutRaw("v1/models/toy", ToyDrift.Definition())).EnsureSuccessStatusCode();

        await AssertProblem(await http.PostAsync("v1/models/nobody/reference", ToyDrift.ReferenceCsv()), 404, null);
        await AssertProblem(await http.PostAsync("v1/models/toy/reference", ToyDrift.Csv("x,y,c\n1,2,a\nseven,2,b")), 400, "x");
        await AssertProblem(await http.PostAsync("v1/models/toy/reference", ToyDrift.Csv("y,c\n1,a")), 400, "x");
        await AssertProblem(await http.PostAsync("v1/models/toy/reference", ToyDrift.Csv("x,x\n1,2")), 400, "body");
        await AssertProblem(await http.PostAsync("v1/models/toy/reference", ToyDrift.Csv("x,y,c,label\n1,2,a,maybe")), 400, "label");
        await AssertProblem(await http.PostRaw("v1/models/toy/reference", """{"to": 5}"""), 400, "from");
        await AssertProblem(await http.PostRaw("v1/models/toy/reference", """{"from": 5, "to": 5}"""), 400, "to");
        await AssertProblem(await http.PostRaw("v1/models/toy/reference", """{"from": 0, "to": 5}"""), 400, "from");
        await AssertProblem(await http.GetAsync("v1/models/toy/drift?window=soon"), 400, "window");
        await AssertProblem(await http.GetAsync("v1/models/nobody/drift"), 404, null);

        var drift = await (await http.GetAsync("v1/models/toy/drift?window=2h")).ReadJson();
        Assert.Equal((0, 7200.0), (drift.GetProperty("referenceRevision").GetInt32(), drift.GetProperty("windowSeconds").GetDouble()));
        Assert.Empty(drift.GetProperty("points").EnumerateArray());
    }

    [Fact]
    public async Task Bad_query_parameters_get_problems_naming_them_and_change_nothing()
    {
        await using var silo = await TestSilo.StartAsync("reference-query");
        var http = silo.Http;
        (await http.PutRaw("v1/models/toy", ToyDrift.Definition())).EnsureSuccessStatusCode();

        await AssertQueryProblem(await http.GetAsync("v1/models/toy/drift?from=abc"), ("from", "'abc' is not a time; give seconds (at most 253402300800 either side of 1970) or an ISO 8601 timestamp"));
        await AssertQueryProblem(await http.GetAsync("v1/models/toy/drift?to=xyz"), ("to", "'xyz' is not a time; give seconds (at most 253402300800 either side of 1970) or an ISO 8601 timestamp"));
        await AssertQueryProblem(await http.GetAsync("v1/models/toy/drift?from=7200&to=3600"), ("to", "must not be before from (7200 s)"));
        await AssertQueryProblem(await http.GetAsync("v1/models/toy/drift?window=soon&from=abc"), ("window", null), ("from", null));
        await AssertQueryProblem(await http.PostAsync("v1/models/toy/reference?chunkRows=abc", ToyDrift.ReferenceCsv()), ("chunkRows", "'abc' is not a whole number of rows from 1 to 10000000"));
        await AssertQueryProblem(await http.PostAsync("v1/models/toy/reference?chunkRows=0", ToyDrift.ReferenceCsv()), ("chunkRows", "'0' is not a whole number of rows from 1 to 10000000"));
        await AssertQueryProblem(await http.PostAsync("v1/models/toy/reference?accept=maybe", ToyDrift.ReferenceCsv()), ("accept", "'maybe' is not true or false"));
        await AssertQueryProblem(await http.PostAsync("v1/models/toy/reference?accept=maybe&chunkRows=-3", ToyDrift.ReferenceCsv()), ("accept", null), ("chunkRows", null));

        // Nothing was set; seconds and ISO 8601 times are both read.
        Assert.Equal(0, (await (await http.GetAsync("v1/models/toy/drift")).ReadJson()).GetProperty("referenceRevision").GetInt32());
        (await http.GetAsync("v1/models/toy/drift?from=0&to=1970-01-02T00:00:00Z")).EnsureSuccessStatusCode();
        var accepted = await (await http.PostAsync("v1/models/toy/reference?accept=false&chunkRows=20", ToyDrift.ReferenceCsv())).ReadJson();
        Assert.Equal((1, false), (accepted.GetProperty("revision").GetInt32(), accepted.GetProperty("accepted").GetBoolean()));
    }

    [Fact]
    public async Task Chunk_thresholds_are_the_mean_plus_three_std_of_window_sized_reference_chunks()
    {
        await using var silo = await TestSilo.StartAsync("reference-chunks");
        var http = silo.Http;

        // Buckets of 5 events and windows of 4 buckets: a window holds 20 events. c is judged by L-infinity.
        (await http.PutRaw("v1/models/chunks", ChunkModel("\"bucketSeconds\": null, \"bucketEvents\": 5", "\"windowBuckets\": 4"))).EnsureSuccessStatusCode();

        // 80 rows, 40 a and 40 b over all (shares ½, ½), in four runs of 20: 15 a + 5 b, 10 + 10, 5 + 15, 10 + 10.
        var csv = ChunkCsv(times: false);

        // By default a chunk is a window's 20 events: L∞ of the runs against ½ are |¾ − ½| = ¼, 0, ¼, 0; mean ⅛,
        // std (ddof 0) ⅛, so the threshold is ⅛ + 3·⅛ = ½.
        Assert.Equal(0.5, ChunkThreshold(await (await http.PostAsync("v1/models/chunks/reference", ToyDrift.Csv(csv))).ReadJson()), 12);

        // Chunks of 40 rows: 25 a + 15 b and 15 a + 25 b, L∞ ⅛ both: mean ⅛, std 0.
        Assert.Equal(0.125, ChunkThreshold(await (await http.PostAsync("v1/models/chunks/reference?chunkRows=40", ToyDrift.Csv(csv))).ReadJson()), 12);

        // Chunks of 80 rows: one chunk, no spread to take a threshold from.
        Assert.False(ChunkColumn(await (await http.PostAsync("v1/models/chunks/reference?chunkRows=80", ToyDrift.Csv(csv))).ReadJson()).TryGetProperty("chunkThreshold", out _));

        // With referenceChunkThresholds the window's verdict uses it: 20 events, all a (L∞ ½), against the ½ of 20-row
        // chunks. A batch goes to one bucket of events, which closes once it holds 5: four batches of 5 fill a window.
        (await http.PostAsync("v1/models/chunks/reference", ToyDrift.Csv(csv))).EnsureSuccessStatusCode();
        for (var batch = 0; batch < 4; batch++)
        {
            var events = Enumerable.Range(5 * batch, 5).Select(i => $$$"""{"id": "a{{{i}}}", "time": {{{i}}}, "features": {"c": "a"}}""");
            (await http.PostRaw("v1/models/chunks/events", $$"""{"events": [{{string.Join(',', events)}}]}""")).EnsureSuccessStatusCode();
        }
        var c = (await (await http.GetAsync("v1/models/chunks/drift")).ReadJson()).GetProperty("points").EnumerateArray().Last().GetProperty("features").EnumerateArray().Single();
        Assert.Equal(("lInfinity", 0.5, 0.5), (c.GetProperty("statistic").GetString(), c.GetProperty("score").GetDouble(), c.GetProperty("threshold").GetDouble()));
    }

    [Fact]
    public async Task With_time_buckets_a_chunk_holds_the_reference_rows_of_one_window_length_of_its_own_times()
    {
        await using var silo = await TestSilo.StartAsync("reference-chunk-times");
        var http = silo.Http;

        // Hourly buckets and a two-hour window; the reference has a row every 6 minutes, so a window holds 20 rows.
        (await http.PutRaw("v1/models/chunks", ChunkModel("\"bucketSeconds\": 3600", "\"windowSeconds\": 7200"))).EnsureSuccessStatusCode();
        Assert.Equal(0.5, ChunkThreshold(await (await http.PostAsync("v1/models/chunks/reference", ToyDrift.Csv(ChunkCsv(times: true)))).ReadJson()), 12);

        // Without times nothing says how many rows a window holds: a tenth of the 80 rows, chunks of 8. Their a counts
        // are 8, 7, 4, 6, 0, 5, 0, 4, 6, 0, so L∞ = |a/8 − ½| is ½, ⅜, 0, ¼, ½, ⅛, ½, 0, ¼, ½: mean 0.3, variance
        // (4·0.2² + 0.075² + 2·0.3² + 2·0.05² + 0.175²)/10 = 0.038125.
        var untimed = ChunkThreshold(await (await http.PostAsync("v1/models/chunks/reference", ToyDrift.Csv(ChunkCsv(times: false)))).ReadJson());
        Assert.Equal(0.3 + (3 * Math.Sqrt(0.038125)), untimed, 12);

        await AssertProblem(await http.PostAsync("v1/models/chunks/reference", ToyDrift.Csv("time,c\nsoon,a")), 400, "time");
    }

    private static string ChunkModel(string buckets, string window) =>
        """
        {"task": "binary", "target": "label", "classes": ["no", "yes"],
         "features": [{"name": "c", "type": "categorical", "categories": ["a", "b"]}],
         "monitoring": {BUCKETS, "drift": {WINDOW, "referenceChunkThresholds": true, "features": {"c": {"statistic": "lInfinity"}}}}}
        """.Replace("BUCKETS", buckets, StringComparison.Ordinal).Replace("WINDOW", window, StringComparison.Ordinal);

    /// <summary>Four runs of 20 rows: 15 a then 5 b; 10 a, 10 b; 5 a, 15 b; 10 a, 10 b. With times, row r is at 360·r seconds.</summary>
    private static string ChunkCsv(bool times)
    {
        int[] aPerRun = [15, 10, 5, 10];
        var rows = Enumerable.Range(0, 80).Select(r => (r % 20) < aPerRun[r / 20] ? "a" : "b");
        return (times ? "time,c\n" : "c\n") + string.Join('\n', rows.Select((c, r) => times ? $"{r * 360},{c}" : c));
    }

    private static JsonElement ChunkColumn(JsonElement view) => view.GetProperty("features").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "c");

    private static double ChunkThreshold(JsonElement view) => ChunkColumn(view).GetProperty("chunkThreshold").GetDouble();

    private static async Task AssertQueryProblem(HttpResponseMessage response, params (string Field, string? Message)[] expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == 400, $"expected 400, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("field").GetString(), e.GetProperty("message").GetString())).ToList();
        Assert.Equal(expected.Select(e => e.Field), errors.Select(e => e.Item1));
        foreach (var (field, message) in expected.Where(e => e.Message is not null))
        {
            Assert.Contains((field, message), errors);
        }
    }

    [Fact]
    public async Task Drift_reads_every_features_scores_over_time()
    {
        await using var silo = await TestSilo.StartAsync("drift-read");
        var http = silo.Http;
        (await http.PutRaw("v1/models/toy", ToyDrift.Definition())).EnsureSuccessStatusCode();
        (await http.PostAsync("v1/models/toy/reference", ToyDrift.ReferenceCsv())).EnsureSuccessStatusCode();
        (await http.PostRaw("v1/models/toy/events", ToyDrift.Events(0, 6))).EnsureSuccessStatusCode();

        // Hours 0..4 have closed (hour 5 is open): two-hour windows end at hours 2, 3, 4, 5; one-hour windows at 1..5.
        var points = (await (await http.GetAsync("v1/models/toy/drift")).ReadJson()).GetProperty("points").EnumerateArray().ToList();
        Assert.Equal([7200.0, 10800.0, 14400.0, 18000.0], points.Select(p => p.GetProperty("windowEnd").GetDouble()));
        Assert.All(points, p => Assert.Equal(["x", "y", "c"], p.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("name").GetString())));
        Assert.All(points, p => Assert.Equal(40, p.GetProperty("events").GetInt64()));
        var hourly = (await (await http.GetAsync("v1/models/toy/drift?window=1h")).ReadJson()).GetProperty("points").GetArrayLength();
        Assert.Equal(5, hourly);
    }
}
