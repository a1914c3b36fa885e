using System.Text.Json;
using OrleansCt.Hosting.Tests.Infrastructure;

namespace OrleansCt.Hosting.Tests.Drift;

/// <summary>
/// Drift of the model's outputs through the API: the served predictions (predictionDrift) and the joined labels
/// (labelDrift). Each reference is balanced between two values and the drifted window holds only one of them, so on the
/// bins (value 1, value 2, unseen) p = (½, ½, 0) and q = (0, 1, 0), m = (¼, ¾, 0):
/// KL(p‖m) = ½·log2 2 + ½·log2(2/3), KL(q‖m) = log2(4/3), and the JS distance (base 2) is
/// sqrt(½·KL(p‖m) + ½·KL(q‖m)) = sqrt(3/2 − ¾·log2 3) = 0.5579 (scipy's jensenshannon(base=2) gives the same).
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class OutputDriftApiTests
{
    private static readonly double BalancedToOneSided = Math.Sqrt(1.5 - (0.75 * Math.Log2(3)));

    private const string OneFeature = """
        {"task": "binary", "target": "label", "classes": ["no", "yes"], "features": [{"name": "x", "type": "numeric"}],
         "monitoring": {"bucketSeconds": 3600, "drift": {"windowSeconds": 7200}}, "alerts": {"resolveAfter": 1, "cooldownSeconds": 0}}
        """;

    [Fact]
    public async Task Predictions_that_all_fall_on_one_of_two_balanced_reference_scores_raise_prediction_drift()
    {
        await using var silo = await TestSilo.StartAsync("prediction-drift");
        var http = silo.Http;
        (await http.PutRaw("v1/models/pred", OneFeature)).EnsureSuccessStatusCode();

        // Hour 0: learn that x = 1 means yes and x = 0 means no, so the two values of x get two different scores.
        var training = Enumerable.Range(0, 200).Select(i => $$$"""{"id": "t{{{i}}}", "time": {{{i * 18}}}, "label": "{{{(i % 2 == 1 ? "yes" : "no")}}}", "features": {"x": {{{i % 2}}}}}""");
        (await http.PostRaw("v1/models/pred/events", $$"""{"events": [{{string.Join(',', training)}}]}""")).EnsureSuccessStatusCode();
        (await http.GetAsync("v1/models/pred")).EnsureSuccessStatusCode();

        // One prediction in hour 1 hands the ingest grain the snapshot with everything learned; nothing is learned after it.
        await Predict(http, 1, 2, _ => 0);

        // Hours 2 and 3: x alternates 0, 1 — the reference. Hours 4 to 6: x is always 1 (hour 6 closes hour 5).
        var reference = await Predict(http, 2, 4, i => i % 2);
        var set = await http.PostRaw("v1/models/pred/reference", """{"from": 7200, "to": 14400}""");
        Assert.Equal(40, (await set.ReadJson()).GetProperty("rows").GetInt64());
        var drifted = await Predict(http, 4, 7, _ => 1);

        // The answers show the premise: one score for each x, the same before and after the reference was set.
        var (zero, one) = (reference.Where(p => p.X == 0).Select(p => p.Scores).Distinct().Single(), reference.Where(p => p.X == 1).Select(p => p.Scores).Distinct().Single());
        Assert.NotEqual(zero, one);
        Assert.Equal(one, drifted.Select(p => p.Scores).Distinct().Single());

        // Two scores, 20 rows each: one bin per value. The window of hours 4 and 5 holds only the second.
        var point = await PointEndingAt(http, "pred", 6 * 3600);
        var prediction = point.GetProperty("prediction");
        Assert.Equal(("prediction", "jsDistance", 0.12, true), (prediction.GetProperty("name").GetString(), prediction.GetProperty("statistic").GetString(), prediction.GetProperty("threshold").GetDouble(), prediction.GetProperty("drifted").GetBoolean()));
        Assert.Equal(BalancedToOneSided, prediction.GetProperty("score").GetDouble(), 9);
        Assert.Equal(40, prediction.GetProperty("rows").GetInt64());

        var alert = await OpenAlert(http, "pred", "predictionDrift", "prediction");
        Assert.Equal("jsDistance", alert.GetProperty("statistic").GetString());
        Assert.Equal(BalancedToOneSided, alert.GetProperty("score").GetDouble(), 9);
        Assert.Equal(6 * 3600.0, alert.GetProperty("windowEnd").GetDouble());
    }

    [Fact]
    public async Task Labels_that_are_all_one_class_after_a_balanced_reference_raise_label_drift()
    {
        await using var silo = await TestSilo.StartAsync("label-drift");
        var http = silo.Http;
        (await http.PutRaw("v1/models/toy", ToyDrift.Definition())).EnsureSuccessStatusCode();

        // 200 reference rows, yes and no alternating: 100 of each.
        var csv = "x,y,c,label\n" + string.Join('\n', Enumerable.Range(0, 200).Select(i => $"{i % 10},{i % 7},{(i % 2 == 0 ? "a" : "b")},{(i % 2 == 0 ? "yes" : "no")}"));
        (await http.PostAsync("v1/models/toy/reference", ToyDrift.Csv(csv))).EnsureSuccessStatusCode();

        // Hours 0 to 4 are labelled like the reference: no label drift. One batch per hour: a batch's labels are counted
        // after its events, so they reach the feature windows only for buckets the batch leaves open.
        await PostHours(http, 0, 5, i => i % 2 == 0 ? "yes" : "no");
        var balanced = await PointEndingAt(http, "toy", 4 * 3600);
        Assert.False(balanced.GetProperty("label").GetProperty("drifted").GetBoolean());
        Assert.Equal(0.0, balanced.GetProperty("label").GetProperty("scores").GetProperty("jsDistance").GetDouble(), 12);
        Assert.DoesNotContain((await (await http.GetAsync("v1/models/toy/alerts")).ReadJson()).EnumerateArray(), a => a.GetProperty("kind").GetString() == "labelDrift");

        // Hours 5 to 7 are all yes (hour 7 closes hour 6): the window of hours 5 and 6 holds 40 yes.
        await PostHours(http, 5, 8, _ => "yes");
        var label = (await PointEndingAt(http, "toy", 7 * 3600)).GetProperty("label");

        // 200 reference rows: Evidently's rule tests the label by chi-square, judged by χ² against the fixed reference's band.
        // Reference (100, 100) against the window (0, 40), no Yates correction: expected counts 200·(100, 140)/240 and
        // 40·(100, 140)/240, so χ² = (50/3)² · (1/83.3 + 1/116.7 + 1/16.7 + 1/23.3) = 240/7.
        Assert.Equal(("label", "chi2", true), (label.GetProperty("name").GetString(), label.GetProperty("statistic").GetString(), label.GetProperty("drifted").GetBoolean()));
        Assert.Equal(240.0 / 7, label.GetProperty("score").GetDouble(), 9);
        Assert.True(label.GetProperty("scores").GetProperty("chi2P").GetDouble() < 1e-8);
        Assert.Equal(BalancedToOneSided, label.GetProperty("scores").GetProperty("jsDistance").GetDouble(), 9);

        // The band at α = 0.05 (the label is one check), one degree of freedom, 200 and 40 rows, by scipy 1.10.1:
        //   from scipy.stats import chi2; import math; q = chi2.isf(0.05, 1); en = 200*40/240
        //   en*(math.sqrt(q/200) + math.sqrt(q/40))**2 -> 6.70471317264021
        var alert = await OpenAlert(http, "toy", "labelDrift", "label");
        Assert.Equal(("chi2", false), (alert.GetProperty("statistic").GetString(), alert.GetProperty("alertsBelow").GetBoolean()));
        Assert.Equal(6.70471317264021, alert.GetProperty("threshold").GetDouble(), 1e-9);
    }

    internal static async Task<JsonElement> PointEndingAt(HttpClient http, string model, double end)
    {
        var points = (await (await http.GetAsync($"v1/models/{model}/drift")).ReadJson()).GetProperty("points").EnumerateArray().ToList();
        return points.Single(p => p.GetProperty("windowEnd").GetDouble() == end);
    }

    internal static async Task<JsonElement> OpenAlert(HttpClient http, string model, string kind, string subject)
    {
        var alerts = (await (await http.GetAsync($"v1/models/{model}/alerts?state=open")).ReadJson()).EnumerateArray();
        return alerts.Single(a => a.GetProperty("kind").GetString() == kind && a.GetProperty("subject").GetString() == subject);
    }

    private static async Task PostHours(HttpClient http, int fromHour, int toHour, Func<int, string> label)
    {
        for (var hour = fromHour; hour < toHour; hour++)
        {
            (await http.PostRaw("v1/models/toy/events", ToyDrift.Events(hour, hour + 1, label: label))).EnsureSuccessStatusCode();
        }
    }

    /// <summary>Predicts 20 events per hour of [from, to) with x of event i; answers each event's x and its class probabilities.</summary>
    private static async Task<List<(int X, string Scores)>> Predict(HttpClient http, int fromHour, int toHour, Func<int, int> x)
    {
        var events = new List<string>();
        var xs = new List<int>();
        for (var hour = fromHour; hour < toHour; hour++)
        {
            for (var i = 0; i < 20; i++)
            {
                events.Add($$$"""{"id": "p{{{hour}}}-{{{i}}}", "time": {{{(hour * 3600) + (i * 60)}}}, "features": {"x": {{{x(i)}}}}}""");
                xs.Add(x(i));
            }
        }

        var response = await http.PostRaw("v1/models/pred/predict", $$"""{"events": [{{string.Join(',', events)}}]}""");
        var predictions = (await response.ReadJson()).GetProperty("predictions").EnumerateArray().ToList();
        return predictions.Select((p, i) => (xs[i], p.GetProperty("probabilities").GetRawText())).ToList();
    }
}
