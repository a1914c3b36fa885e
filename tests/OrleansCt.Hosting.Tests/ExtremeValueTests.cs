using System.Text.Json;
using OrleansCt.Hosting.Tests.Infrastructure;
using OrleansCt.Testing;

namespace OrleansCt.Hosting.Tests;

/// <summary>Issue 10, item 2: finite but extreme values are accepted and never make a model's stats, model or drift answers fail, before or after a restart.</summary>
[Collection(SiloCollection.Name)]
public sealed class ExtremeValueTests
{
    [Fact]
    public async Task Zero_and_1e155_in_one_column_and_plus_minus_1_7e308_leave_every_read_answering_with_finite_numbers()
    {
        var silo = await TestSilo.StartAsync("extreme");
        try
        {
            (await silo.Http.PutRaw("v1/models/wide", Definitions.Regression)).EnsureSuccessStatusCode();
            // 0 and 1e155 in one column: their M2 is 2.5e309 / 2 (beyond a double), the mean 5e154 and the std 5e154 by hand.
            Assert.True((await silo.Http.PostRaw("v1/models/wide/events", """
                {"events": [{"id": "a", "features": {"x": 0}, "label": 0}, {"id": "b", "features": {"x": 1e155}, "label": 1e155}]}
                """)).IsSuccessStatusCode);
            // ±1.7e308: their difference is beyond a double, their mean is 0 by hand.
            Assert.True((await silo.Http.PostRaw("v1/models/wide/events", """
                {"events": [{"id": "c", "features": {"x": 1.7e308}, "label": 1.7e308}, {"id": "d", "features": {"x": -1.7e308}, "label": -1.7e308}]}
                """)).IsSuccessStatusCode);

            await AnswersFinite(silo.Http);
            var stats = await (await silo.Http.GetAsync("v1/models/wide/stats")).ReadJson();
            var x = stats.GetProperty("features").GetProperty("x");
            Assert.Equal(4, x.GetProperty("count").GetInt64());
            Assert.Equal((-1.7e308, 1.7e308), (x.GetProperty("min").GetDouble(), x.GetProperty("max").GetDouble()));
            // (0 + 1e155 + 1.7e308 − 1.7e308) / 4 = 2.5e154 by hand; a running mean that passed 1.7e308 / 3 carries rounding errors of
            // the order of an ulp there (about 1e292), so the check is within 1e294.
            Assert.InRange(x.GetProperty("mean").GetDouble(), 2.5e154 - 1e294, 2.5e154 + 1e294);
            Assert.False(x.TryGetProperty("std", out _));
            Assert.Contains("std", x.GetProperty("outOfRange").EnumerateArray().Select(e => e.GetString()));

            silo = await silo.RestartAsync();
            await AnswersFinite(silo.Http);
            Assert.True((await silo.Http.PostRaw("v1/models/wide/events", """{"events": [{"id": "e", "features": {"x": 1}, "label": 1}]}""")).IsSuccessStatusCode);
            await AnswersFinite(silo.Http);
        }
        finally
        {
            await silo.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_drift_distance_beyond_a_double_is_left_out_and_named_in_outOfRange_before_and_after_a_restart()
    {
        var silo = await TestSilo.StartAsync("extreme-drift");
        try
        {
            (await silo.Http.PutRaw("v1/models/far", """
                {"task": "regression", "target": "t", "features": [{"name": "x", "type": "numeric"}, {"name": "y", "type": "numeric"}],
                 "monitoring": {"bucketSeconds": 3600, "drift": {"windowSeconds": 3600}}}
                """)).EnsureSuccessStatusCode();
            // Reference: x = i·1e-6 for 2,000 rows (std 5.8e-4, so the normed distance divides by the 0.001 floor), y = i mod 7.
            var csv = "x,y,t\n" + string.Join('\n', Enumerable.Range(0, 2_000).Select(i => FormattableString.Invariant($"{i * 1e-6:R},{i % 7},1")));
            (await silo.Http.PostAsync("v1/models/far/reference", Drift.ToyDrift.Csv(csv))).EnsureSuccessStatusCode();
            // Hours 0 and 1 (hour 1 closes hour 0): x = 1e306, above the whole reference, so W1 ≈ 1e306 and W1 / 0.001 ≈ 1e309, beyond a
            // double. The window's shift in x, squared (1e612), is beyond a double too, so the PCA's reconstruction error is not finite.
            for (var hour = 0; hour < 2; hour++)
            {
                var events = Enumerable.Range(0, 20).Select(i => $$$"""{"id": "h{{{hour}}}-{{{i}}}", "time": {{{(hour * 3600) + (i * 60)}}}, "label": 1, "features": {"x": 1e306, "y": {{{i % 7}}}}}""");
                (await silo.Http.PostRaw("v1/models/far/events", $$"""{"events": [{{string.Join(',', events)}}]}""")).EnsureSuccessStatusCode();
            }

            for (var pass = 0; pass < 2; pass++)
            {
                var point = await Drift.OutputDriftApiTests.PointEndingAt(silo.Http, "far", 3600);
                Assert.Null(JsonNumbers.FirstNonFinite(point, "point"));
                var x = point.GetProperty("features").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "x");
                Assert.False(x.GetProperty("scores").TryGetProperty("wassersteinNormed", out _));
                Assert.Equal(["wassersteinNormed"], x.GetProperty("outOfRange").EnumerateArray().Select(e => e.GetString()));
                Assert.Equal(1.0, x.GetProperty("scores").GetProperty("ksD").GetDouble());
                var y = point.GetProperty("features").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "y");
                Assert.False(y.TryGetProperty("outOfRange", out _));
                Assert.False(point.TryGetProperty("multivariate", out _));
                Assert.Equal(["multivariate"], point.GetProperty("outOfRange").EnumerateArray().Select(e => e.GetString()));
                if (pass == 0)
                {
                    silo = await silo.RestartAsync();
                }
            }
        }
        finally
        {
            await silo.DisposeAsync();
        }
    }

    private static async Task AnswersFinite(HttpClient http)
    {
        foreach (var path in new[] { "v1/models/wide/stats", "v1/models/wide", "v1/models/wide/drift" })
        {
            var response = await http.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
            using var document = JsonDocument.Parse(body);
            Assert.Null(JsonNumbers.FirstNonFinite(document.RootElement, path));
        }
    }
}
