using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using OrleansCt.Hosting.Tests.Infrastructure;
using OrleansCt.Testing;

namespace OrleansCt.Hosting.Tests.Drift;

/// <summary>
/// The acceptance run on elec2: file order, row i at i × 30 minutes, hourly buckets, the first 10,000 rows as
/// reference (CSV upload) and a one-day drift window. vicprice, vicdemand and transfer hold one value in every row
/// before 17,424 and vary from it on (python's csv module: the first row where any of them differs is 17,424), so the
/// first window that holds row 17,424 — the one ending at bucket 8,712's end, (8,712 + 1) × 3,600 s — must raise their
/// alerts, and nothing may raise them earlier.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class Elec2DriftAlertTests
{
    private const double FirstVictorianWindowEnd = 8_713 * 3_600.0;

    [Fact]
    public async Task Drift_alerts_name_the_victorian_features_in_the_first_window_that_holds_row_17424()
    {
        await using var silo = await TestSilo.StartAsync("elec2-drift");
        var http = silo.Http;
        await http.PutRaw("v1/models/elec2", Definitions.Elec2);
        var reference = await http.PostAsync("v1/models/elec2/reference", Csv(File.ReadLines(RepoFiles.PathOf("data/elec2/elec2.csv")).Take(10_001)));
        Assert.True(reference.IsSuccessStatusCode, await reference.Content.ReadAsStringAsync());
        for (var start = 0; start < 18_000; start += 48)
        {
            (await http.PostRaw("v1/models/elec2/events", Elec2Stream.EventsBody(start, start + 48))).EnsureSuccessStatusCode();
        }

        // Reading drift sends every closed bucket to the feature windows first, so the alerts they raised are readable after it.
        (await http.GetAsync("v1/models/elec2/drift")).EnsureSuccessStatusCode();
        var alerts = (await (await http.GetAsync("v1/models/elec2/alerts")).ReadJson()).EnumerateArray().ToList();

        foreach (var feature in new[] { "vicprice", "vicdemand", "transfer" })
        {
            var raised = alerts.Where(a => a.GetProperty("kind").GetString() == "drift" && a.GetProperty("subject").GetString() == feature).ToList();
            Assert.True(raised.Count == 1, $"{feature}: {raised.Count} drift alerts");
            Assert.Equal(FirstVictorianWindowEnd, raised[0].GetProperty("openedAt").GetDouble());
        }
    }

    private static ByteArrayContent Csv(IEnumerable<string> lines)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(string.Join('\n', lines)));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return content;
    }
}
