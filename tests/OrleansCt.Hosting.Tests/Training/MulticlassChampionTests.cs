using System.Globalization;
using System.Net;
using System.Text;
using OrleansCt.Hosting.Tests.Infrastructure;

namespace OrleansCt.Hosting.Tests.Training;

/// <summary>
/// A multiclass ML.NET champion serving through the ingest grain: three classes decided by thresholds on two numeric features
/// (low when u &lt; 0.4, else mid when v &lt; 0.5, else high), which a tree learns; once promoted it answers predict with a
/// probability per class, summing to 1, and the rule's class for points far from the thresholds.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class MulticlassChampionTests
{
    private const string Model = "tri";

    private const string Definition = """
        {"task": "multiclass", "target": "kind", "classes": ["low", "mid", "high"],
         "features": [{"name": "u", "type": "numeric"}, {"name": "v", "type": "numeric"}]}
        """;

    private static readonly string[] Classes = ["low", "mid", "high"];

    [Fact]
    public async Task A_lightgbm_multiclass_champion_answers_predict_with_class_probabilities_summing_to_1_and_the_rules_class()
    {
        await using var silo = await TestSilo.StartAsync("multiclass-champion");
        var http = silo.Http;
        (await http.PutRaw($"v1/models/{Model}", Definition)).EnsureSuccessStatusCode();
        var random = new Random(11);
        var points = Enumerable.Range(0, 600).Select(_ => (U: random.NextDouble(), V: random.NextDouble())).ToArray();
        for (var from = 0; from < points.Length; from += 100)
        {
            (await http.PostRaw($"v1/models/{Model}/events", Body(points, from, from + 100, labelled: true))).EnsureSuccessStatusCode();
        }

        var accepted = await http.PostRaw($"v1/models/{Model}/retrain", """{"trainer": "lightGbm", "gate": {"metric": "accuracy", "maxWorsening": 1}}""");
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var decided = await (await http.GetAsync($"v1/models/{Model}/retrains/{(await accepted.Read<RetrainView>()).Id}?wait=120")).Read<RetrainView>();
        Assert.True(decided.State == "promoted", $"{decided.State}: {decided.Decision?.Summary} {decided.Error}");
        Assert.Equal(("2", "accuracy"), (decided.Candidate, decided.Decision!.Metric));
        Assert.Equal(120, decided.HoldoutRows);
        var version = await (await http.GetAsync($"v1/models/{Model}/versions/2")).Read<VersionView>();
        Assert.Equal(("mlnet", "lightGbm", 480), (version.Kind, version.Trainer, version.Window!.Rows));
        Assert.True(version.Validation!["holdout.accuracy"] > 0.9, $"held-out accuracy {version.Validation["holdout.accuracy"]}");

        // Points far from both thresholds, predicted through the ingest grain (no labels: the predict path).
        (double U, double V, string Class)[] clear =
        [
            (0.05, 0.10, "low"), (0.15, 0.90, "low"), (0.20, 0.50, "low"),
            (0.80, 0.10, "mid"), (0.95, 0.25, "mid"), (0.70, 0.05, "mid"),
            (0.80, 0.90, "high"), (0.95, 0.75, "high"), (0.70, 0.95, "high"),
        ];
        var predicted = await (await http.PostRaw($"v1/models/{Model}/predict", Body([.. clear.Select(c => (c.U, c.V))], 0, clear.Length, labelled: false, prefix: "q")))
            .Read<PredictResponse>();
        Assert.Equal(clear.Length, predicted.Predictions.Count);
        for (var i = 0; i < clear.Length; i++)
        {
            var p = predicted.Predictions[i];
            Assert.Equal(($"q{i}", "2"), (p.Id, p.Version));
            Assert.Equal(Classes.Order(), p.Probabilities!.Keys.Order());
            Assert.Equal(1.0, p.Probabilities.Values.Sum(), 1e-6);
            Assert.All(p.Probabilities.Values, v => Assert.InRange(v, 0.0, 1.0));
            Assert.True(p.Label == clear[i].Class, $"({clear[i].U}, {clear[i].V}): {p.Label}, expected {clear[i].Class}");
            Assert.Equal(p.Probabilities.MaxBy(kv => kv.Value).Key, p.Label);
        }

        // Backfilled rows after the promotion are answered by version 2 too (the model grain's path).
        var more = Enumerable.Range(0, 20).Select(_ => (U: random.NextDouble(), V: random.NextDouble())).ToArray();
        var events = await (await http.PostRaw($"v1/models/{Model}/events", Body(more, 0, more.Length, labelled: true, prefix: "late", firstTime: 600 * 60))).Read<PredictResponse>();
        Assert.All(events.Predictions, p => Assert.Equal("2", p.Version));
        Assert.All(events.Predictions, p => Assert.Equal(1.0, p.Probabilities!.Values.Sum(), 1e-6));
    }

    private static string Rule(double u, double v) => u < 0.4 ? "low" : v < 0.5 ? "mid" : "high";

    private static string Body((double U, double V)[] points, int from, int to, bool labelled, string prefix = "m", double firstTime = 0)
    {
        var body = new StringBuilder("{\"events\": [");
        for (var i = from; i < to; i++)
        {
            var (u, v) = points[i];
            var label = labelled ? $"\"label\": \"{Rule(u, v)}\", " : "";
            body.Append(i > from ? "," : "").Append(CultureInfo.InvariantCulture,
                $$$"""{"id": "{{{prefix}}}{{{i}}}", "time": {{{firstTime + i * 60}}}, {{{label}}}"features": {"u": {{{u:R}}}, "v": {{{v:R}}}}}""");
        }

        return body.Append("]}").ToString();
    }
}
