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
