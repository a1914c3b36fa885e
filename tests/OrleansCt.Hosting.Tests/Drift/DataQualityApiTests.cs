using OrleansCt.Hosting.Tests.Infrastructure;
using static OrleansCt.Hosting.Tests.Drift.AlertDeliveryTests;

namespace OrleansCt.Hosting.Tests.Drift;

/// <summary>Validation against the reference and schema changes through the API: missing rates, unknown features, renamed features.</summary>
[Collection(SiloCollection.Name)]
public sealed class DataQualityApiTests
{
    [Fact]
    public async Task With_reject_a_batch_missing_a_feature_far_more_than_the_reference_is_refused_whole()
    {
        await using var silo = await TestSilo.StartAsync("missing-rate");
        var http = silo.Http;
        var definition = ToyDrift.Definition().Replace("\"max\": 100}", "\"max\": 100, \"required\": false}").Replace("\"alerts\"", "\"validation\": {\"onViolation\": \"reject\"}, \"alerts\"");
        (await http.PutRaw("v1/models/toy", definition)).EnsureSuccessStatusCode();
        (await http.PostAsync("v1/models/toy/reference", ToyDrift.ReferenceCsv())).EnsureSuccessStatusCode();

        // y is never missing in the reference; 3 of 20 events without it is 15 % > 0 % + 10 %: refused. 2 of 20 (10 %) is not.
        await AssertProblem(await http.PostRaw("v1/models/toy/events", WithoutY(20, missing: 3)), 400, "events[*].features.y");
        Assert.Equal(0, (await (await http.GetAsync("v1/models/toy")).ReadJson()).GetProperty("events").GetInt64());
        (await http.PostRaw("v1/models/toy/events", WithoutY(20, missing: 2))).EnsureSuccessStatusCode();
        Assert.Equal(20, (await (await http.GetAsync("v1/models/toy")).ReadJson()).GetProperty("events").GetInt64());
    }

    [Fact]
    public async Task Counted_schema_changes_read_renamed_features_and_alert_on_new_ones()
    {
        await using var silo = await TestSilo.StartAsync("schema-change");
        var http = silo.Http;
        var definition = ToyDrift.Definition()
            .Replace("{\"name\": \"x\", \"type\": \"numeric\"}", "{\"name\": \"x\", \"type\": \"numeric\", \"aliases\": [\"x_v2\"]}")
            .Replace("\"alerts\"", "\"validation\": {\"onSchemaChange\": \"count\"}, \"alerts\"");
        (await http.PutRaw("v1/models/toy", definition)).EnsureSuccessStatusCode();
        (await http.PostAsync("v1/models/toy/reference", ToyDrift.ReferenceCsv())).EnsureSuccessStatusCode();

        // Upstream renamed x to x_v2 and added z: x is still read (no drift), z is counted as a new feature (in the
        // bucket of its batch's last event: one batch per hour here).
        for (var hour = 0; hour < 4; hour++)
        {
            var renamed = ToyDrift.Events(hour, hour + 1).Replace("\"x\":", "\"x_v2\":").Replace("\"c\":", "\"z\": 1, \"c\":");
            (await http.PostRaw("v1/models/toy/events", renamed)).EnsureSuccessStatusCode();
        }

        await AssertProblem(await http.PostRaw("v1/models/toy/events", """{"events": [{"id": "both", "features": {"x": 1, "x_v2": 1, "y": 1, "c": "a"}}]}"""), 400, "events[0].features.x_v2");

        var alerts = (await (await http.GetAsync("v1/models/toy/drift")).Content.ReadAsStringAsync(), await (await http.GetAsync("v1/models/toy/alerts")).ReadJson()).Item2.EnumerateArray().ToList();
        Assert.Contains(alerts, a => a.GetProperty("kind").GetString() == "schemaChange" && a.GetProperty("subject").GetString() == "z");
        Assert.DoesNotContain(alerts, a => a.GetProperty("kind").GetString() == "drift");
        Assert.DoesNotContain(alerts, a => a.GetProperty("subject").GetString()!.StartsWith("x/", StringComparison.Ordinal));

        // Stats count them per kept bucket: the ring's two closed hours and the open one, 20 events each.
        var stats = await (await http.GetAsync("v1/models/toy/stats")).ReadJson();
        Assert.Equal(60, stats.GetProperty("newFeatures").GetProperty("z").GetInt64());
        Assert.Equal(0.0, stats.GetProperty("dataQuality").GetProperty("x").GetProperty("referenceMissingShare").GetDouble());
    }

    private static string WithoutY(int count, int missing) =>
        "{\"events\": [" + string.Join(',', Enumerable.Range(0, count).Select(i =>
            $"{{\"id\": \"m{missing}-{i}\", \"time\": {i}, \"features\": {{\"x\": {i % 10}, {(i < missing ? "" : $"\"y\": {i % 7}, ")}\"c\": \"a\"}}}}")) + "]}";
}
