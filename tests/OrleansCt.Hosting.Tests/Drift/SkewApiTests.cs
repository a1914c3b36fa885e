using System.Text.Json;
using OrleansCt.Hosting.Tests.Infrastructure;

namespace OrleansCt.Hosting.Tests.Drift;

/// <summary>
/// Training/serving skew through the API: the features served in a window against the rows the champion learned from in
/// its training window (the kept buckets before the window). Hours 0–5 are learned (events with labels, x cycling 0..9 as
/// in the reference: 120 rows); hours 6–9 are only predicted.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class SkewApiTests
{
    [Fact]
    public async Task Serving_only_part_of_what_the_champion_learned_from_is_skew()
    {
        await using var silo = await TestSilo.StartAsync("skew");
        var http = silo.Http;
        await Learn(http, "skewed");

        // Served x only 0 and 1: the same values as learned, in a corner of them.
        await Predict(http, "skewed", x: i => i % 2);

        var point = await OutputDriftApiTests.PointEndingAt(http, "skewed", 8 * 3600);
        var skew = point.GetProperty("skew").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "x");
        var drift = point.GetProperty("features").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "x");

        // The learned rows (12 of each value) and the reference (20 of each) have the same shares on the reference's bins, so
        // skew against what was learned equals the served window's JS distance from the reference.
        Assert.Equal(("jsDistance", 120L, true), (skew.GetProperty("statistic").GetString(), skew.GetProperty("rows").GetInt64(), skew.GetProperty("drifted").GetBoolean()));
        Assert.Equal(drift.GetProperty("scores").GetProperty("jsDistance").GetDouble(), skew.GetProperty("score").GetDouble(), 12);
        Assert.True(skew.GetProperty("score").GetDouble() >= 0.12);
        // One alert, still open at the last window scored (hours 7 and 8, as skewed).
        var alert = await OutputDriftApiTests.OpenAlert(http, "skewed", "skew", "x");
        Assert.Equal(9 * 3600.0, alert.GetProperty("windowEnd").GetDouble());
        Assert.True(alert.GetProperty("score").GetDouble() >= 0.12);
    }

    [Fact]
    public async Task Serving_what_the_champion_learned_from_is_no_skew()
    {
        await using var silo = await TestSilo.StartAsync("no-skew");
        var http = silo.Http;
        await Learn(http, "even");

        await Predict(http, "even", x: i => i % 10);

        var point = await OutputDriftApiTests.PointEndingAt(http, "even", 8 * 3600);
        var skew = point.GetProperty("skew").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "x");
        Assert.Equal((0.0, false), (skew.GetProperty("score").GetDouble(), skew.GetProperty("drifted").GetBoolean()));
        var alerts = (await (await http.GetAsync("v1/models/even/alerts")).ReadJson()).EnumerateArray();
        Assert.DoesNotContain(alerts, a => a.GetProperty("kind").GetString() == "skew");
    }

    /// <summary>The toy model with its reference, and hours 0–5 sent with labels, one batch an hour.</summary>
    private static async Task Learn(HttpClient http, string model)
    {
        (await http.PutRaw($"v1/models/{model}", ToyDrift.Definition())).EnsureSuccessStatusCode();
        (await http.PostAsync($"v1/models/{model}/reference", ToyDrift.ReferenceCsv())).EnsureSuccessStatusCode();
        for (var hour = 0; hour < 6; hour++)
        {
            (await http.PostRaw($"v1/models/{model}/events", ToyDrift.Events(hour, hour + 1))).EnsureSuccessStatusCode();
        }
    }

    /// <summary>Predicts hours 6–9, 20 events an hour with x of event i (hour 9 closes hour 8, so the window of hours 6 and 7 and the next are scored).</summary>
    private static async Task Predict(HttpClient http, string model, Func<int, int> x)
    {
        var events = Enumerable.Range(6, 4).SelectMany(hour => Enumerable.Range(0, 20).Select(i =>
            $$$"""{"id": "p{{{hour}}}-{{{i}}}", "time": {{{(hour * 3600) + (i * 60)}}}, "features": {"x": {{{x(i)}}}, "y": {{{i % 7}}}, "c": "{{{(i % 2 == 0 ? "a" : "b")}}}"}}"""));
        var response = await http.PostRaw($"v1/models/{model}/predict", $$"""{"events": [{{string.Join(',', events)}}]}""");
        response.EnsureSuccessStatusCode();
        using var _ = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
