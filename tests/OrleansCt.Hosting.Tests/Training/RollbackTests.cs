using System.Net;
using OrleansCt.Hosting.Tests.Infrastructure;

namespace OrleansCt.Hosting.Tests.Training;

/// <summary>
/// POST /v1/models/{model}/rollback: back to the champion before the current one, or to a named version, as a move with its reason
/// in the alias history; the version answering predictions changes at its control entry; bad targets are refused and change nothing.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class RollbackTests
{
    private const string Model = "roll";

    [Fact]
    public async Task Rollback_goes_back_to_the_previous_champion_or_a_named_one_with_its_reason()
    {
        await using var silo = await TestSilo.StartAsync("rollback");
        var http = silo.Http;
        (await http.PutRaw($"v1/models/{Model}", Definitions.Elec2)).EnsureSuccessStatusCode();
        await Elec2Stream.SendAsync(http, Model, 0, 600);

        // A fresh model has had one champion: nothing to roll back to.
        var none = await http.PostRaw($"v1/models/{Model}/rollback", "");
        Assert.Equal(HttpStatusCode.Conflict, none.StatusCode);
        Assert.Contains("\"to\"", await none.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var retrain = await http.PostRaw($"v1/models/{Model}/retrain", """{"gate": {"maxWorsening": 1}}""");
        Assert.Equal("promoted", (await (await http.GetAsync($"v1/models/{Model}/retrains/{(await retrain.Read<RetrainView>()).Id}?wait=120")).Read<RetrainView>()).State);
        Assert.Equal("2", (await (await http.GetAsync($"v1/models/{Model}")).Read<ModelResponse>()).Champion);

        // Back to the previous champion: the online learner, version 1, which answers from the move's control entry on.
        var back = await (await http.PostRaw($"v1/models/{Model}/rollback", """{"reason": "version 2 misbehaves", "by": "ana"}""")).Read<AliasMoveView>();
        Assert.Equal(("1", "2", "ana"), (back.Version, back.Previous, back.By));
        Assert.Equal("rollback from version 2 to version 1: version 2 misbehaves", back.Reason);
        var predict = await http.PostRaw($"v1/models/{Model}/predict", Elec2Stream.PredictBody(600, 610, "late"));
        Assert.True(predict.IsSuccessStatusCode, await predict.Content.ReadAsStringAsync());
        Assert.All((await predict.Read<PredictResponse>()).Predictions, p => Assert.Equal("1", p.Version));

        // A named version; unknown ones and the current champion are refused and move nothing.
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostRaw($"v1/models/{Model}/rollback", """{"to": "9"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await http.PostRaw($"v1/models/{Model}/rollback", """{"to": "1"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostRaw($"v1/models/{Model}/rollback", """{"to": 2}""")).StatusCode);
        var again = await (await http.PostRaw($"v1/models/{Model}/rollback", """{"to": "2"}""")).Read<AliasMoveView>();
        Assert.Equal(("2", "rollback from version 1 to version 2: rolled back by hand"), (again.Version, again.Reason));

        var history = (await (await http.GetAsync($"v1/models/{Model}/versions")).Read<VersionListResponse>()).History.Where(m => m.Alias == "champion").ToList();
        Assert.Equal(["1", "2", "1", "2"], history.Select(m => m.Version));
        Assert.True(history.Zip(history.Skip(1)).All(p => p.Second.Sequence > p.First.Sequence));
    }
}
