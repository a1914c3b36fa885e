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

    [Fact]
    public async Task Missing_and_out_of_range_values_above_their_limits_raise_data_quality_alerts()
    {
        await using var silo = await TestSilo.StartAsync("data-quality");
        var http = silo.Http;
        (await http.PutRaw("v1/models/toy", ToyDrift.Definition().Replace("\"max\": 100}", "\"max\": 100, \"required\": false}"))).EnsureSuccessStatusCode();
        (await http.PostAsync("v1/models/toy/reference", ToyDrift.ReferenceCsv())).EnsureSuccessStatusCode();
        (await http.PostRaw("v1/models/toy/events", ToyDrift.Events(0, 4))).EnsureSuccessStatusCode();
        Assert.DoesNotContain((await (await http.GetAsync("v1/models/toy/alerts")).ReadJson()).EnumerateArray(), a => a.GetProperty("kind").GetString() == "dataQuality");

        // From hour 4 on, of each hour's 20 events the 10 even ones lack y and 5 (i % 4 == 1) have y = 150, above its
        // max of 100 (counted, not refused: onViolation is "count"). Hour 6 closes hour 5.
        var events = ToyDrift.Events(4, 7, y: i => i % 2 == 0 ? null : i % 4 == 1 ? 150 : i % 7);
        (await http.PostRaw("v1/models/toy/events", events)).EnsureSuccessStatusCode();
        (await http.GetAsync("v1/models/toy/drift")).EnsureSuccessStatusCode();

        // Window of hours 4 and 5: y missing in 20 of 40 events, the reference in none: 0.5 above it (tolerance 0.1,
        // critical from 0.2). 10 of 40 events outside y's range: a share of 0.25 (limit 0.01).
        var missing = await OutputDriftApiTests.OpenAlert(http, "toy", "dataQuality", "y/missingRate");
        Assert.Equal(("missingShareExcess", 0.1, "critical"), (missing.GetProperty("statistic").GetString(), missing.GetProperty("threshold").GetDouble(), missing.GetProperty("severity").GetString()));
        Assert.Equal(0.5, missing.GetProperty("score").GetDouble(), 12);
        Assert.Equal(6 * 3600.0, missing.GetProperty("windowEnd").GetDouble());
        var violations = await OutputDriftApiTests.OpenAlert(http, "toy", "dataQuality", "y/violations");
        Assert.Equal(("violationShare", 0.01), (violations.GetProperty("statistic").GetString(), violations.GetProperty("threshold").GetDouble()));
        Assert.Equal(0.25, violations.GetProperty("score").GetDouble(), 12);

        // x and c stayed whole and inside the schema.
        var alerts = (await (await http.GetAsync("v1/models/toy/alerts")).ReadJson()).EnumerateArray().Where(a => a.GetProperty("kind").GetString() == "dataQuality");
        Assert.Equal(["y/missingRate", "y/violations"], alerts.Select(a => a.GetProperty("subject").GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Under_counted_schema_changes_a_feature_absent_from_a_whole_window_is_a_vanished_schema_change()
    {
        await using var silo = await TestSilo.StartAsync("schema-vanished");
        var http = silo.Http;
        (await http.PutRaw("v1/models/toy", ToyDrift.Definition().Replace("\"alerts\"", "\"validation\": {\"onSchemaChange\": \"count\"}, \"alerts\""))).EnsureSuccessStatusCode();
        (await http.PostAsync("v1/models/toy/reference", ToyDrift.ReferenceCsv())).EnsureSuccessStatusCode();
        (await http.PostRaw("v1/models/toy/events", ToyDrift.Events(0, 4))).EnsureSuccessStatusCode();

        // Upstream stops sending y (a required feature: under "count" it reads as missing) from hour 4 on.
        (await http.PostRaw("v1/models/toy/events", ToyDrift.Events(4, 7, y: _ => null))).EnsureSuccessStatusCode();
        (await http.GetAsync("v1/models/toy/drift")).EnsureSuccessStatusCode();

        // The window of hours 3 and 4 still has y in 20 of 40 events; the window of hours 4 and 5 has it in none.
        var vanished = await OutputDriftApiTests.OpenAlert(http, "toy", "schemaChange", "y/vanished");
        Assert.Equal(("missingShare", 1.0, 1.0), (vanished.GetProperty("statistic").GetString(), vanished.GetProperty("score").GetDouble(), vanished.GetProperty("threshold").GetDouble()));
        Assert.Equal((4 * 3600.0, 6 * 3600.0), (vanished.GetProperty("windowStart").GetDouble(), vanished.GetProperty("windowEnd").GetDouble()));
        Assert.Equal(1.0, (await OutputDriftApiTests.OpenAlert(http, "toy", "dataQuality", "y/missingRate")).GetProperty("score").GetDouble(), 12);
        var schemaChanges = (await (await http.GetAsync("v1/models/toy/alerts")).ReadJson()).EnumerateArray().Where(a => a.GetProperty("kind").GetString() == "schemaChange");
        Assert.Equal(["y/vanished"], schemaChanges.Select(a => a.GetProperty("subject").GetString()));

        // y comes back from hour 7: the window of hours 6 and 7 misses it in half its events, clear of 1 − 10 %
        // hysteresis, and one clear evaluation resolves it (resolveAfter 1).
        (await http.PostRaw("v1/models/toy/events", ToyDrift.Events(7, 9))).EnsureSuccessStatusCode();
        (await http.GetAsync("v1/models/toy/drift")).EnsureSuccessStatusCode();
        var alert = (await (await http.GetAsync("v1/models/toy/alerts")).ReadJson()).EnumerateArray().Single(a => a.GetProperty("subject").GetString() == "y/vanished");
        Assert.Equal("resolved", alert.GetProperty("state").GetString());
    }

    private static string WithoutY(int count, int missing) =>
        "{\"events\": [" + string.Join(',', Enumerable.Range(0, count).Select(i =>
            $"{{\"id\": \"m{missing}-{i}\", \"time\": {i}, \"features\": {{\"x\": {i % 10}, {(i < missing ? "" : $"\"y\": {i % 7}, ")}\"c\": \"a\"}}}}")) + "]}";
}
