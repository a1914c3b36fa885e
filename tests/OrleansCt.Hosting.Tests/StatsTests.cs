using System.Net;
using OrleansCt.Hosting.Tests.Infrastructure;

namespace OrleansCt.Hosting.Tests;

[Collection(SiloCollection.Name)]
public sealed class StatsTests(SiloFixture fixture)
{
    private const int DriftRow = 17_424;   // data/elec2/README.md: vicprice, vicdemand, transfer were imputed before it

    private static string Elec2Daily(int ring) => Definitions.Elec2.TrimEnd().TrimEnd('}') + $$$""", "monitoring": {"bucketSeconds": 86400, "ring": {{{ring}}}}}""";

    /// <summary>
    /// elec2 with one-day buckets: before row 17,424 the Victoria columns were imputed with constants, so every
    /// bucket has zero variance in them; after it they vary within each day and transfer sits at other values.
    /// </summary>
    [Fact]
    public async Task Elec2_daily_buckets_show_the_imputed_victoria_columns_constant_before_row_17424_and_varying_after()
    {
        var http = fixture.Silo.Http;
        await http.PutRaw("v1/models/elec2-daily", Elec2Daily(ring: 30));
        var checkedBefore = new HashSet<long>();
        for (var day = 0; day < DriftRow / 48 + 20; day++)
        {
            (await http.PostRaw("v1/models/elec2-daily/events", Elec2Stream.EventsBody(day * 48, (day + 1) * 48))).EnsureSuccessStatusCode();
            if (day % 25 != 24 && day != DriftRow / 48 - 1)
            {
                continue;
            }

            var stats = await (await http.GetAsync("v1/models/elec2-daily/stats")).Read<StatsResponse>();
            foreach (var bucket in stats.Buckets.Where(b => b.Closed && b.End <= DriftRow * 1800.0))
            {
                Assert.Equal(48, bucket.Events);
                Assert.All(new[] { "vicprice", "vicdemand", "transfer" }, f => Assert.Equal(0.0, bucket.Features[f].Std));
                checkedBefore.Add(bucket.Index);
            }
        }

        // Every day before the change was seen closed in some answer (the ring holds 30 days; answers came every 25).
        Assert.Equal(Enumerable.Range(0, DriftRow / 48).Select(d => (long)d), checkedBefore.Order());
        var after = await (await http.GetAsync("v1/models/elec2-daily/stats")).Read<StatsResponse>();
        var changed = after.Buckets.Where(b => b.Closed && b.Start >= DriftRow * 1800.0).ToList();
        Assert.Equal(19, changed.Count);
        Assert.All(changed, b =>
        {
            Assert.True(b.Features["vicprice"].Std > 0, $"day {b.Index}: vicprice does not vary");
            Assert.True(b.Features["vicdemand"].Std > 0, $"day {b.Index}: vicdemand does not vary");
            Assert.NotEqual(0.414912, b.Features["transfer"].Mean!.Value, 6);
        });
    }

    [Fact]
    public async Task The_detectors_a_model_names_run_on_its_error_stream_and_show_in_its_stats()
    {
        var http = fixture.Silo.Http;
        var definition = Definitions.Elec2.TrimEnd().TrimEnd('}') +
            """, "monitoring": {"bucketSeconds": 86400, "detectors": [{"kind": "ddm", "parameters": {"warm_start": 30}}, {"kind": "page-hinkley"}]}}""";
        Assert.Equal(System.Net.HttpStatusCode.Created, (await http.PutRaw("v1/models/detected", definition)).StatusCode);
        (await http.PostRaw("v1/models/detected/events", Elec2Stream.EventsBody(0, 480, "d"))).EnsureSuccessStatusCode();

        var stats = await (await http.GetAsync("v1/models/detected/stats")).Read<StatsResponse>();
        var stored = await (await http.GetAsync("v1/models/detected")).ReadJson();

        Assert.Equal(["ddm", "page-hinkley"], stats.Detectors!.Select(d => d.Kind));
        Assert.All(stats.Detectors!, d => Assert.Equal(480, d.Updates));
        Assert.Equal(30, stored.GetProperty("monitoring").GetProperty("detectors")[0].GetProperty("parameters").GetProperty("warm_start").GetInt32());
    }

    [Fact]
    public async Task Values_out_of_range_and_unseen_categories_are_counted_or_with_the_reject_policy_refused()
    {
        var http = fixture.Silo.Http;
        await http.PutRaw("v1/models/quality", Definitions.Binary);
        const string odd = """{"events": [{"id": "q1", "features": {"nswprice": 5, "day": "9"}}, {"id": "q2", "features": {"nswprice": 0.5, "day": "1"}}]}""";
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.PostRaw("v1/models/quality/predict", odd)).StatusCode);
        var counted = await (await http.GetAsync("v1/models/quality/stats")).Read<StatsResponse>();

        var strict = Definitions.Binary.TrimEnd()[..^1] + """, "validation": {"onViolation": "reject"}}""";
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.PutRaw("v1/models/quality", strict)).StatusCode);
        var refused = await http.PostRaw("v1/models/quality/predict", odd.Replace("q1", "q3").Replace("q2", "q4"));
        var after = await (await http.GetAsync("v1/models/quality/stats")).Read<StatsResponse>();

        Assert.Equal(new DataQualityView(0, 1, 0, MissingShare: 0), counted.DataQuality!["nswprice"]);
        Assert.Equal(new DataQualityView(0, 0, 1, MissingShare: 0), counted.DataQuality["day"]);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(["events[0].features.nswprice", "events[0].features.day"], (await refused.Read<ProblemResponse>()).Errors!.Select(e => e.Field));
        Assert.Equal(2, after.Window.Events);
    }

    [Fact]
    public async Task A_window_merges_the_newest_buckets_and_an_unknown_window_is_a_400()
    {
        var http = fixture.Silo.Http;
        await http.PutRaw("v1/models/stats-window", Elec2Daily(ring: 5));
        (await http.PostRaw("v1/models/stats-window/events", Elec2Stream.EventsBody(0, 48 * 4, "w"))).EnsureSuccessStatusCode();

        var day = await (await http.GetAsync("v1/models/stats-window/stats?window=24h")).Read<StatsResponse>();
        var events = await (await http.GetAsync("v1/models/stats-window/stats?window=100e")).Read<StatsResponse>();
        var all = await (await http.GetAsync("v1/models/stats-window/stats")).Read<StatsResponse>();

        // Newest event at row 191 (time 343,800 s): "24h" keeps buckets ending after 257,400 s, i.e. days 2 and 3.
        Assert.Equal((2, 96L), (day.Window.Buckets, day.Window.Events));
        Assert.Equal((3, 144L), (events.Window.Buckets, events.Window.Events));
        Assert.Equal(192, all.Features["nswprice"].Count);
        Assert.Equal(192, all.Metrics.Overall.Count);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync("v1/models/stats-window/stats?window=yesterday")).StatusCode);
    }
}
