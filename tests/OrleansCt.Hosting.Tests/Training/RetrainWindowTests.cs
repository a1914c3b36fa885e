using System.Net;
using OrleansCt.Hosting.Tests.Infrastructure;

namespace OrleansCt.Hosting.Tests.Training;

/// <summary>
/// The policy's windows in a retrain from the log (the same windows POST /retrain takes): a dynamic window trains every candidate
/// on the same newest held-out rows and trains the chosen length as a fixed window; a representative window on housing whose
/// median_income changed units mid-stream leaves the changed rows out and draws its sample from the rows before.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class RetrainWindowTests
{
    [Fact]
    public async Task A_dynamic_window_scores_each_candidate_on_the_same_rows_and_trains_the_chosen_length()
    {
        await using var silo = await TestSilo.StartAsync("window-dynamic");
        var http = silo.Http;
        (await http.PutRaw("v1/models/dyn", Definitions.Elec2)).EnsureSuccessStatusCode();
        await Elec2Stream.SendAsync(http, "dyn", 0, 3000);

        var accepted = await http.PostRaw("v1/models/dyn/retrain", """
            {"window": {"kind": "dynamic", "candidates": [600, 1200, 2400], "holdoutRows": 300}, "gate": {"maxWorsening": 1}}
            """);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var retrain = await (await http.GetAsync($"v1/models/dyn/retrains/{(await accepted.Read<RetrainView>()).Id}?wait=120")).Read<RetrainView>();

        Assert.Equal("promoted", retrain.State);
        var choice = retrain.WindowChoice!;
        Assert.Equal("dynamic", choice.Kind);
        // Each candidate counts the 300 held-out rows: it trains on the rows before them.
        Assert.Equal([(600.0, 300), (1200.0, 900), (2400.0, 2100)], choice.Candidates!.Select(c => (c.Length, c.TrainRows)));
        var chosen = Assert.Single(choice.Candidates!, c => c.Chosen);

        // The rule: no candidate longer than the chosen one has a lower mean loss than the best minus nothing — the chosen one is
        // the best or longer than it (a tie within one standard error goes to the longer window).
        var best = choice.Candidates!.MinBy(c => c.MeanLoss)!;
        Assert.True(chosen.Length >= best.Length);

        // The chosen length, held-out rows included, is then trained as a fixed window: the gate holds out 20 % of it.
        var total = chosen.TrainRows + 300;
        Assert.Equal((total - (total / 5), total / 5), (retrain.Window!.Rows, retrain.HoldoutRows!.Value));
    }

    [Fact]
    public async Task A_representative_window_leaves_out_the_drifted_rows_and_samples_the_rest()
    {
        await using var silo = await TestSilo.StartAsync("window-representative");
        var http = silo.Http;
        var stream = new HousingStream(seed: 5);
        (await http.PutRaw("v1/models/rep", Definitions.Housing)).EnsureSuccessStatusCode();

        // Shuffled housing, one event a minute; from position 4,000 on median_income arrives in other units (x × 1.8 + 32).
        for (var from = 0; from < 6000; from += 250)
        {
            (await http.PostRaw("v1/models/rep/events", stream.EventsBody(from, from + 250, "median_income", 4000))).EnsureSuccessStatusCode();
        }

        var accepted = await http.PostRaw("v1/models/rep/retrain", """{"window": {"kind": "representative", "rows": 1000}, "gate": {"maxWorsening": 1000000000}}""");
        var retrain = await (await http.GetAsync($"v1/models/rep/retrains/{(await accepted.Read<RetrainView>()).Id}?wait=120")).Read<RetrainView>();

        // Five times the sample is read (rows 1,000–5,999), the newest 1,000 of them held out for the gate as they are; of the
        // 4,000 before, those from position 4,000 on lie in drifted buckets or outside every reference bin: the sample is drawn
        // from the rows before the change.
        Assert.True(retrain.State is "promoted" or "rejected", $"{retrain.State}: {retrain.Error}");
        Assert.Equal("representative", retrain.WindowChoice!.Kind);
        Assert.Equal((1000, 1000), (retrain.Window!.Rows, retrain.HoldoutRows!.Value));
        Assert.True(retrain.Window.ToTime < 4000 * 60, $"the sample reaches event time {retrain.Window.ToTime}");
        Assert.Matches(@"^1,000 of 4,000 rows drawn \([1-9][\d,]* in drifted buckets left out\), stratified on longitude", retrain.WindowChoice.Text);
    }
}
