using System.Text.Json;
using OrleansCt.Abstractions.Drift;
using OrleansCt.Hosting.Tests.Infrastructure;

namespace OrleansCt.Hosting.Tests.Drift;

/// <summary>
/// A model of 34 numeric features f00…f33: the feature windows hold 32 features each, so f32 and f33 live in the
/// second grain, "wide/1". Feature k of event i is (i + k) % 10, so every hour of 20 events holds each value 0…9
/// twice, exactly the reference's shares (200 rows, each value 20 times): nothing drifts. From hour 4 on f33 is moved
/// up by 50, above every reference value, so its KS D is 1 (200 reference rows: tested by the KS p-value).
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class WideModelDriftTests
{
    private const int Features = 34;

    private static readonly string[] Names = [.. Enumerable.Range(0, Features).Select(k => $"f{k:00}")];

    [Fact]
    public async Task Drift_of_a_feature_in_the_second_feature_window_is_scored_and_alerted_on()
    {
        await using var silo = await TestSilo.StartAsync("wide-drift");
        var http = silo.Http;
        var features = string.Join(", ", Names.Select(n => $$"""{"name": "{{n}}", "type": "numeric"}"""));
        (await http.PutRaw("v1/models/wide", $$$"""
            {"task": "binary", "target": "label", "classes": ["no", "yes"], "features": [{{{features}}}],
             "monitoring": {"bucketSeconds": 3600, "drift": {"windowSeconds": 7200}}, "alerts": {"resolveAfter": 1, "cooldownSeconds": 0}}
            """)).EnsureSuccessStatusCode();
        var csv = string.Join(',', Names) + "\n" + string.Join('\n', Enumerable.Range(0, 200).Select(i => string.Join(',', Enumerable.Range(0, Features).Select(k => (i + k) % 10))));
        (await http.PostAsync("v1/models/wide/reference", ToyDrift.Csv(csv))).EnsureSuccessStatusCode();

        (await http.PostRaw("v1/models/wide/events", Events(0, 4, shift: 0))).EnsureSuccessStatusCode();
        (await http.PostRaw("v1/models/wide/events", Events(4, 7, shift: 50))).EnsureSuccessStatusCode();

        // GET drift joins both windows' features in schema order; the window of hours 4 and 5 sees f33 moved.
        var point = await OutputDriftApiTests.PointEndingAt(http, "wide", 6 * 3600);
        var scored = point.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(Names, scored.Select(f => f.GetProperty("name").GetString()));
        var f33 = scored[33];
        // 200 reference rows: the automatic KS test, judged by D against the fixed reference's band.
        Assert.Equal(("ksD", true), (f33.GetProperty("statistic").GetString(), f33.GetProperty("drifted").GetBoolean()));
        Assert.Equal(1.0, f33.GetProperty("scores").GetProperty("ksD").GetDouble(), 12);
        Assert.Equal([33], scored.Select((f, k) => (f, k)).Where(p => p.f.GetProperty("drifted").GetBoolean()).Select(p => p.k));
        Assert.Equal(1.0 / Features, point.GetProperty("driftedShare").GetDouble(), 12);

        // f33 is the second window grain's: it holds f32 and f33 only.
        var second = await silo.Grains.GetGrain<IFeatureWindowGrain>("wide/1").GetHistory(null, null, null);
        Assert.NotEmpty(second);
        Assert.All(second, e => Assert.Equal(["f32", "f33"], e.Features.Select(f => f.Name)));

        var alerts = (await (await http.GetAsync("v1/models/wide/alerts")).ReadJson()).EnumerateArray().Where(a => a.GetProperty("kind").GetString() == "drift").ToList();
        var alert = Assert.Single(alerts);
        Assert.Equal(("f33", "ksD", "open"), (alert.GetProperty("subject").GetString(), alert.GetProperty("statistic").GetString(), alert.GetProperty("state").GetString()));
    }

    private static string Events(int fromHour, int toHour, double shift)
    {
        var events = new List<string>();
        for (var hour = fromHour; hour < toHour; hour++)
        {
            for (var i = 0; i < 20; i++)
            {
                var values = string.Join(", ", Enumerable.Range(0, Features).Select(k => $"\"{Names[k]}\": {((i + k) % 10) + (k == Features - 1 ? shift : 0)}"));
                events.Add($$$"""{"id": "w{{{hour}}}-{{{i}}}", "time": {{{(hour * 3600) + (i * 60)}}}, "features": {{{{values}}}}}""");
            }
        }

        return $$"""{"events": [{{string.Join(',', events)}}]}""";
    }
}
