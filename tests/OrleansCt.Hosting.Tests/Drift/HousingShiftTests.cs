using System.Net.Http.Headers;
using System.Text;
using OrleansCt.Hosting.Tests.Infrastructure;

namespace OrleansCt.Hosting.Tests.Drift;

/// <summary>
/// The second acceptance run: housing in a seeded random order (nothing drifts), the first 5,000 positions as
/// reference, one hour buckets of 60 events and a one-day window. Two models see the same stream, except that in one
/// median_income becomes x × 1.8 + 32 from the middle on. The changed model must alert on median_income, and on no
/// feature the unchanged model does not alert on too.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class HousingShiftTests
{
    private const string Changed = "median_income";

    [Fact]
    public async Task A_unit_change_in_one_feature_alerts_on_that_feature_and_no_other()
    {
        await using var silo = await TestSilo.StartAsync("housing-drift");
        var stream = new HousingStream(seed: 42);
        var baseline = await RunAsync(silo.Http, "housing-same", stream, changed: null);
        var shifted = await RunAsync(silo.Http, "housing-shifted", stream, changed: Changed);

        Assert.Contains(Changed, shifted);
        Assert.DoesNotContain(Changed, baseline);
        Assert.Empty(shifted.Except(baseline).Except([Changed]));
    }

    private static async Task<HashSet<string>> RunAsync(HttpClient http, string model, HousingStream stream, string? changed)
    {
        (await http.PutRaw($"v1/models/{model}", Definitions.Housing)).EnsureSuccessStatusCode();
        var csv = new ByteArrayContent(Encoding.UTF8.GetBytes(stream.Csv(5_000)));
        csv.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var reference = await http.PostAsync($"v1/models/{model}/reference", csv);
        Assert.True(reference.IsSuccessStatusCode, await reference.Content.ReadAsStringAsync());
        for (var start = 0; start < HousingStream.Rows; start += 240)
        {
            var body = stream.EventsBody(start, Math.Min(start + 240, HousingStream.Rows), changed, HousingStream.Rows / 2);
            var response = await http.PostRaw($"v1/models/{model}/events", body);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        (await http.GetAsync($"v1/models/{model}/drift")).EnsureSuccessStatusCode();
        var alerts = await (await http.GetAsync($"v1/models/{model}/alerts")).ReadJson();
        return alerts.EnumerateArray().Where(a => a.GetProperty("kind").GetString() == "drift").Select(a => a.GetProperty("subject").GetString()!).ToHashSet();
    }
}
