using System.Net;
using OrleansCt.Hosting.Tests.Infrastructure;

namespace OrleansCt.Hosting.Tests.Training;

/// <summary>
/// A warm retrain continues from the champion's linear parameters: from an L-BFGS champion it gives a version whose parent is
/// that champion and whose reason says so; under the online learner it starts from the online learner's weights; from a LightGBM
/// tree there is nothing to continue from, and the retrain fails saying so without registering anything.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class WarmStartRetrainTests
{
    private const string Permissive = """{"metric": "accuracy", "maxWorsening": 1}""";

    [Fact]
    public async Task A_warm_lbfgs_retrain_continues_from_the_lbfgs_champion_names_it_as_parent_and_reproduces()
    {
        await using var silo = await TestSilo.StartAsync("warm-start-linear");
        var http = silo.Http;
        const string model = "elec-warm";
        (await http.PutRaw($"v1/models/{model}", Definitions.Elec2)).EnsureSuccessStatusCode();
        await Elec2Stream.SendAsync(http, model, 0, 1500);

        var first = await DecideAsync(http, model, $$"""{"trainer": "lbfgs", "seed": 3, "gate": {{Permissive}}}""");
        Assert.True(first.State == "promoted", $"{first.State}: {first.Decision?.Summary} {first.Error}");
        Assert.Equal("2", first.Candidate);

        await Elec2Stream.SendAsync(http, model, 1500, 2000);
        var warm = await DecideAsync(http, model, $$"""{"reason": "continue", "trainer": "lbfgs", "kind": "warm", "seed": 3, "gate": {{Permissive}}}""");
        Assert.True(warm.State == "promoted", $"{warm.State}: {warm.Decision?.Summary} {warm.Error}");
        Assert.Equal(("warm", "lbfgs", "3", "2"), (warm.Kind, warm.Trainer, warm.Candidate, warm.Champion));

        var versions = await (await http.GetAsync($"v1/models/{model}/versions")).Read<VersionListResponse>();
        var v2 = versions.Versions.Single(v => v.Version == "2");
        var v3 = versions.Versions.Single(v => v.Version == "3");
        Assert.Equal(("1", "lbfgs"), (v2.Parent, v2.Trainer));
        Assert.DoesNotContain("warm-started", v2.Reason!, StringComparison.Ordinal);
        Assert.Equal(("2", "lbfgs", "mlnet"), (v3.Parent, v3.Trainer, v3.Kind));
        Assert.Contains("warm-started from 2", v3.Reason!, StringComparison.Ordinal);
        Assert.Equal(["3", "2", "1"], v3.Lineage);
        Assert.Equal(["champion"], v3.Aliases);
        Assert.NotEqual(v2.ArtifactSha256, v3.ArtifactSha256);
        Assert.True(v3.Window!.ToSequence > v2.Window!.ToSequence);

        // Trained again from the log, starting again from version 2's parameters, it comes out the same.
        var reproduced = await http.PostAsync($"v1/models/{model}/versions/3/reproduce", null);
        Assert.Equal(HttpStatusCode.OK, reproduced.StatusCode);
        var again = await reproduced.Read<ReproduceResponse>();
        Assert.True(again.Identical, $"{again.IdenticalPredictions} of {again.SampleRows} identical, max difference {again.MaxDifference}, same artifact {again.SameArtifact}");

        var served = await (await http.PostRaw($"v1/models/{model}/events", Elec2Stream.EventsBody(2000, 2010))).Read<PredictResponse>();
        Assert.All(served.Predictions, p => Assert.Equal("3", p.Version));
    }

    [Fact]
    public async Task Under_the_online_champion_a_warm_retrain_starts_from_the_online_learners_weights_and_under_a_tree_it_fails()
    {
        await using var silo = await TestSilo.StartAsync("warm-start-tree");
        var http = silo.Http;
        const string model = "elec-tree";
        (await http.PutRaw($"v1/models/{model}", Definitions.Elec2)).EnsureSuccessStatusCode();
        await Elec2Stream.SendAsync(http, model, 0, 1000);

        // The online learner's algorithm, one pass over the training rows, mapped onto the contract's features (OnlineWarmStartTests
        // check the mapping against the learner's own predictions); reproducible, since the pass is a function of the rows.
        var fromOnline = await DecideAsync(http, model, $$"""{"trainer": "lbfgs", "kind": "warm", "gate": {{Permissive}}}""");
        Assert.True(fromOnline.State == "promoted", $"{fromOnline.State}: {fromOnline.Decision?.Summary} {fromOnline.Error}");
        Assert.Equal(("2", "1"), (fromOnline.Candidate, fromOnline.Champion));
        var v2 = await (await http.GetAsync($"v1/models/{model}/versions/2")).Read<VersionView>();
        Assert.Contains("warm-started from the online learner's weights", v2.Reason!, StringComparison.Ordinal);
        var reproduced = await (await http.PostAsync($"v1/models/{model}/versions/2/reproduce", null)).Read<ReproduceResponse>();
        Assert.True(reproduced.Identical, $"{reproduced.IdenticalPredictions} of {reproduced.SampleRows} identical, max difference {reproduced.MaxDifference}");

        var tree = await DecideAsync(http, model, $$"""{"trainer": "lightGbm", "gate": {{Permissive}}}""");
        Assert.True(tree.State == "promoted", $"{tree.State}: {tree.Decision?.Summary} {tree.Error}");
        Assert.Equal("3", tree.Candidate);

        var fromTree = await DecideAsync(http, model, $$"""{"trainer": "lbfgs", "kind": "warm", "gate": {{Permissive}}}""");
        Assert.Equal(("failed", "nothing to warm-start from"), (fromTree.State, fromTree.Error));
        Assert.Contains("a tree model", fromTree.Steps[^1].Note, StringComparison.Ordinal);
        Assert.Contains("version 3", fromTree.Steps[^1].Note, StringComparison.Ordinal);
        Assert.Null(fromTree.Candidate);

        // Nothing was registered for the failed one, and the tree stays champion.
        var versions = await (await http.GetAsync($"v1/models/{model}/versions")).Read<VersionListResponse>();
        Assert.Equal(["1", "2", "3"], versions.Versions.Select(v => v.Version));
        Assert.Equal("retrain 2", versions.Versions[2].Origin);
        Assert.Equal(["champion"], versions.Versions[2].Aliases);
    }

    private static async Task<RetrainView> DecideAsync(HttpClient http, string model, string body)
    {
        var accepted = await http.PostRaw($"v1/models/{model}/retrain", body);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var id = (await accepted.Read<RetrainView>()).Id;
        return await (await http.GetAsync($"v1/models/{model}/retrains/{id}?wait=120")).Read<RetrainView>();
    }
}
