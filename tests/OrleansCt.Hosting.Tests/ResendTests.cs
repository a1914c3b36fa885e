using OrleansCt.Hosting.Tests.Infrastructure;

namespace OrleansCt.Hosting.Tests;

/// <summary>
/// Memory keeps only the newest 4 ids and 1 batch fingerprint, so these requests are recognised the way a busy model
/// recognises a retry that comes after many other batches: by the fingerprint stored in the batch index.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class ResendTests
{
    private static readonly Dictionary<string, string?> SmallMemory = new()
    {
        ["OrleansCt:Model:RecentIds"] = "4",
        ["OrleansCt:Model:RecentBatches"] = "1",
    };

    private static string Batch(string prefix, int count, double x = 1) =>
        "{\"events\": [" + string.Join(",", Enumerable.Range(0, count).Select(i => $$$"""{"id": "{{{prefix}}}{{{i}}}", "features": {"x": {{{x + i}}}}, "label": {{{2 * (x + i)}}}}""")) + "]}";

    private static string Predict(string prefix, int count) =>
        "{\"events\": [" + string.Join(",", Enumerable.Range(0, count).Select(i => $$$"""{"id": "{{{prefix}}}{{{i}}}", "features": {"x": {{{i}}}}}""")) + "]}";

    [Fact]
    public async Task A_batch_resent_after_its_ids_left_memory_is_answered_from_the_log_and_counted_once()
    {
        await using var silo = await TestSilo.StartAsync("resend", SmallMemory);
        var http = silo.Http;
        await http.PutRaw("v1/models/resend", Definitions.Regression);
        var first = await (await http.PostRaw("v1/models/resend/events", Batch("a", 3))).Read<PredictResponse>();
        await http.PostRaw("v1/models/resend/events", Batch("b", 3, x: 10));
        await http.PostRaw("v1/models/resend/events", Batch("c", 3, x: 20));

        var retry = await (await http.PostRaw("v1/models/resend/events", Batch("a", 3))).Read<PredictResponse>();
        var model = await (await http.GetAsync("v1/models/resend")).Read<ModelResponse>();

        Assert.Equal(3, retry.Duplicates);
        Assert.Equal(first.Predictions.Select(p => p.Value), retry.Predictions.Select(p => p.Value));
        Assert.Equal((9L, 9L), (model.Events, model.LearnerUpdates));
    }

    [Fact]
    public async Task A_label_batch_resent_after_its_ids_left_memory_is_all_duplicates()
    {
        await using var silo = await TestSilo.StartAsync("resend-labels", SmallMemory);
        var http = silo.Http;
        await http.PutRaw("v1/models/relabel", Definitions.Regression);
        await http.PostRaw("v1/models/relabel/predict", """{"events": [{"id": "p1", "features": {"x": 1}}, {"id": "p2", "features": {"x": 2}}]}""");
        const string labels = """{"labels": [{"id": "p1", "label": 3}, {"id": "p2", "label": 5}]}""";
        var stored = await (await http.PostRaw("v1/models/relabel/labels", labels)).Read<LabelsResponse>();
        await http.PostRaw("v1/models/relabel/events", Batch("q", 3));

        var again = await (await http.PostRaw("v1/models/relabel/labels", labels)).Read<LabelsResponse>();
        var model = await (await http.GetAsync("v1/models/relabel")).Read<ModelResponse>();

        Assert.Equal(new LabelsResponse(2, 2, 0, 0), stored);
        Assert.Equal(new LabelsResponse(2, 0, 0, 2), again);
        Assert.Equal((5L, 5L), (model.Labels, model.LearnerUpdates));
    }

    /// <summary>
    /// The limit of the guarantee: beyond the newest RecentIds ids, an id is recognised only inside the batch it came in.
    /// Regrouped with a new id, it is a new event (README, "Retries are safe").
    /// </summary>
    [Fact]
    public async Task An_old_id_regrouped_into_a_new_batch_after_it_left_memory_is_a_new_event()
    {
        await using var silo = await TestSilo.StartAsync("regroup", SmallMemory);
        var http = silo.Http;
        await http.PutRaw("v1/models/regroup", Definitions.Regression);
        await http.PostRaw("v1/models/regroup/predict", """{"events": [{"id": "old", "features": {"x": 1}}]}""");
        await http.PostRaw("v1/models/regroup/predict", Predict("n", 4));
        var within = await (await http.PostRaw("v1/models/regroup/predict", """{"events": [{"id": "n0", "features": {"x": 1}}, {"id": "fresh", "features": {"x": 1}}]}""")).Read<PredictResponse>();

        var beyond = await (await http.PostRaw("v1/models/regroup/predict", """{"events": [{"id": "old", "features": {"x": 1}}, {"id": "fresh2", "features": {"x": 1}}]}""")).Read<PredictResponse>();

        Assert.Equal(1, within.Duplicates);
        Assert.Equal(0, beyond.Duplicates);
    }
}
