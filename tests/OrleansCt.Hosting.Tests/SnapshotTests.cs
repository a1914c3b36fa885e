using OrleansCt.Hosting.Tests.Infrastructure;

namespace OrleansCt.Hosting.Tests;

[Collection(SiloCollection.Name)]
public sealed class SnapshotTests
{
    [Fact]
    public async Task A_snapshot_is_published_after_an_hour_of_event_time_with_updates_whatever_the_wall_clock()
    {
        await using var silo = await TestSilo.StartAsync("snapshots", new Dictionary<string, string?>
        {
            ["OrleansCt:Model:SnapshotUpdates"] = "1000000",
            ["OrleansCt:Model:SnapshotEventSeconds"] = "3600",
        });
        var http = silo.Http;
        await http.PutRaw("v1/models/hourly", Definitions.Regression);

        async Task<long> SendAt(string id, double time)
        {
            (await http.PostRaw("v1/models/hourly/events", $$$"""{"events": [{"id": "{{{id}}}", "time": {{{time}}}, "features": {"x": 1}, "label": 2}]}""")).EnsureSuccessStatusCode();
            return (await (await http.GetAsync("v1/models/hourly")).Read<ModelResponse>()).Snapshot!.Sequence;
        }

        // Sequence 1 is the definition. The first update publishes; the next hour of event time publishes again.
        Assert.Equal(2, await SendAt("a", 1_000));
        silo.Time.Advance(TimeSpan.FromDays(3));
        Assert.Equal(2, await SendAt("b", 1_800));
        Assert.Equal(2, await SendAt("c", 4_500));
        Assert.Equal(5, await SendAt("d", 4_600));
    }
}
