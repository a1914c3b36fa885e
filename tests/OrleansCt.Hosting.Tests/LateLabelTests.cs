using OrleansCt.Hosting.Tests.Infrastructure;

namespace OrleansCt.Hosting.Tests;

[Collection(SiloCollection.Name)]
public sealed class LateLabelTests
{
    private const string Hourly = """
        {"task": "regression", "target": "y", "features": [{"name": "x", "type": "numeric"}],
         "monitoring": {"bucketSeconds": 3600, "ring": 48}}
        """;

    private static string Events(string prefix, int count, double firstTime) =>
        "{\"events\": [" + string.Join(",", Enumerable.Range(0, count).Select(i => $$$"""{"id": "{{{prefix}}}{{{i}}}", "time": {{{firstTime + i * 600}}}, "features": {"x": {{{i}}}}}""")) + "]}";

    /// <summary>
    /// Memory holds only the last 4 ids and events, so a label 90 days late is joined through the stored id index and
    /// the log; it still updates the metrics of the (long closed) bucket of its event, and the delay is reported.
    /// </summary>
    [Fact]
    public async Task A_label_90_days_late_joins_through_the_log_and_updates_its_closed_bucket()
    {
        await using var silo = await TestSilo.StartAsync("late-labels", new Dictionary<string, string?>
        {
            ["OrleansCt:Model:RecentIds"] = "4",
            ["OrleansCt:Model:RecentEvents"] = "4",
        });
        var http = silo.Http;
        await http.PutRaw("v1/models/late", Hourly);
        await http.PostRaw("v1/models/late/predict", Events("old", 6, firstTime: 0));       // bucket 0 (0..3000 s) and 1
        await http.PostRaw("v1/models/late/predict", Events("new", 6, firstTime: 7200));    // closes buckets 0 and 1
        silo.Time.Advance(TimeSpan.FromDays(90));

        var answer = await (await http.PostRaw("v1/models/late/labels",
            """{"labels": [{"id": "old0", "label": 1}, {"id": "old1", "label": 3}, {"id": "ghost", "label": 1}]}""")).Read<LabelsResponse>();
        var stats = await (await http.GetAsync("v1/models/late/stats")).Read<StatsResponse>();

        Assert.Equal(new LabelsResponse(3, 2, 1, 0), answer);
        Assert.Equal(90 * 86_400.0, stats.Labels.DelayMedianSeconds);
        Assert.Equal(90 * 86_400.0, stats.Labels.DelayP95Seconds);
        Assert.Equal((2L, 1L, 2L), (stats.Labels.Labelled, stats.Labels.Unmatched, stats.Labels.AfterClose));
        Assert.Equal(2.0 / 12, stats.Labels.Coverage);
        var first = stats.Buckets.Single(b => b.Index == 0);
        Assert.True(first.Closed);
        Assert.Equal((2L, 2L), (first.LabelsAfterClose, first.Metrics.Count));
        // The model had learned nothing when old0 and old1 were predicted: both predictions were 0, so MAE = (1 + 3) / 2.
        Assert.Equal(2.0, first.Metrics.Mae);
        Assert.Equal(2.0, stats.Metrics.Overall.Mae);
    }

    [Fact]
    public async Task Retention_drops_old_entries_reports_them_and_their_late_labels_are_unmatched()
    {
        await using var silo = await TestSilo.StartAsync("retention", new Dictionary<string, string?>
        {
            ["OrleansCt:Model:RetentionAge"] = "30.00:00:00",
        });
        var http = silo.Http;
        await http.PutRaw("v1/models/kept", Hourly);
        await http.PostRaw("v1/models/kept/predict", Events("a", 5, firstTime: 0));
        silo.Time.Advance(TimeSpan.FromDays(31));
        await http.PostRaw("v1/models/kept/predict", Events("b", 3, firstTime: 86_400));

        var report = (await (await http.PostAsync("v1/models/kept/retention", null)).ReadJson());
        var model = await (await http.GetAsync("v1/models/kept")).Read<ModelResponse>();
        var labels = await (await http.PostRaw("v1/models/kept/labels",
            """{"labels": [{"id": "a0", "label": 1}, {"id": "b0", "label": 1}]}""")).Read<LabelsResponse>();

        // Sequence 1 is the definition, 2 the five "a" events (older than 30 days), 3 the "b" events.
        Assert.Equal((2L, 5L), (report.GetProperty("droppedEntries").GetInt64(), report.GetProperty("droppedEvents").GetInt64()));
        Assert.Equal(new RetentionView(2, 5, report.GetProperty("droppedBytes").GetInt64(), 3), model.Retention);
        Assert.Equal(8, model.Events);
        Assert.Equal((1, 1), (labels.Joined, labels.Unmatched));
    }
}
