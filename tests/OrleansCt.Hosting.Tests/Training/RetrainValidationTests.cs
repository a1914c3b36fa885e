using System.Globalization;
using System.Net;
using OrleansCt.Hosting.Tests.Infrastructure;

namespace OrleansCt.Hosting.Tests.Training;

/// <summary>
/// A retrain request is checked before anything is recorded: each bad field is a 400 naming it, an unknown model a 404, and
/// none of them leaves a retrain behind. A request that is valid but finds too few labelled rows is recorded and fails saying so.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class RetrainValidationTests
{
    private const string Model = "reg-checks";

    public static TheoryData<string, string> BadRequests => new()
    {
        { """{"trainer": "xgboost"}""", "trainer" },
        { """{"trainer": "averagedPerceptron"}""", "trainer" },      // binary only: not for a regression model
        { """{"trainer": "linearSvm"}""", "trainer" },
        { """{"options": {"x": 1}}""", "options.x" },
        { """{"trainer": "sdca", "options": {"numberOfLeaves": 8}}""", "options.numberOfLeaves" },
        { """{"gate": {"metric": "accuracy"}}""", "gate.metric" },    // not measured for regression
        { """{"gate": {"metric": "bogus"}}""", "gate.metric" },
        { """{"gate": {"maxWorsening": -1}}""", "gate.maxWorsening" },
        { """{"rows": 0}""", "rows" },
        { """{"kind": "bogus"}""", "kind" },
        { """{"kind": "warm", "trainer": "lightGbm"}""", "trainer" }, // a tree cannot continue from linear parameters
        { """{"kind": "warm"}""", "trainer" },                        // nor can the default (LightGBM)
        { """{"seed": -1}""", "seed" },
    };

    [Fact]
    public async Task Bad_requests_are_400s_naming_the_field_unknown_models_404s_and_nothing_is_recorded()
    {
        await using var silo = await TestSilo.StartAsync("retrain-validation");
        var http = silo.Http;
        (await http.PutRaw($"v1/models/{Model}", Definitions.Regression)).EnsureSuccessStatusCode();

        foreach (var (body, field) in BadRequests.Select(row => ((string)row[0], (string)row[1])))
        {
            var response = await http.PostRaw($"v1/models/{Model}/retrain", body);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{body}: {(int)response.StatusCode}");
            var errors = (await response.ReadJson()).GetProperty("errors");
            Assert.True(errors[0].GetProperty("field").GetString() == field, $"{body}: {errors}");
            Assert.False(string.IsNullOrWhiteSpace(errors[0].GetProperty("message").GetString()));
        }

        // The message of a trainer that does not train the task says which do.
        var perceptron = (await (await http.PostRaw($"v1/models/{Model}/retrain", """{"trainer": "averagedPerceptron"}""")).ReadJson()).GetProperty("errors")[0];
        Assert.Contains("regression", perceptron.GetProperty("message").GetString(), StringComparison.Ordinal);

        var malformed = await http.PostRaw($"v1/models/{Model}/retrain", """{"trainer": "lightGbm", """);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.True((await malformed.ReadJson()).GetProperty("errors").GetArrayLength() > 0);
        var wrongType = await http.PostRaw($"v1/models/{Model}/retrain", """{"rows": "many"}""");
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.Equal("rows", (await wrongType.ReadJson()).GetProperty("errors")[0].GetProperty("field").GetString());

        var unknownModel = await http.PostRaw("v1/models/reg-nobody/retrain", "{}");
        Assert.Equal(HttpStatusCode.NotFound, unknownModel.StatusCode);
        Assert.Equal("model", (await unknownModel.ReadJson()).GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("v1/models/reg-nobody/retrains")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("v1/models/reg-nobody/retrains/1")).StatusCode);

        // None of them was recorded, here or on the unknown model.
        Assert.Empty((await (await http.GetAsync($"v1/models/{Model}/retrains")).Read<RetrainListResponse>()).Retrains);
        var unknownRetrain = await http.GetAsync($"v1/models/{Model}/retrains/1?wait=0");
        Assert.Equal(HttpStatusCode.NotFound, unknownRetrain.StatusCode);
        Assert.Equal("id", (await unknownRetrain.ReadJson()).GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Single((await (await http.GetAsync($"v1/models/{Model}/versions")).Read<VersionListResponse>()).Versions);
    }

    [Fact]
    public async Task A_retrain_with_30_labelled_rows_is_recorded_and_fails_with_too_few_labelled_rows_registering_nothing()
    {
        await using var silo = await TestSilo.StartAsync("retrain-too-few");
        var http = silo.Http;
        (await http.PutRaw($"v1/models/{Model}", Definitions.Regression)).EnsureSuccessStatusCode();
        var events = "{\"events\": [" + string.Join(",", Enumerable.Range(0, 30).Select(i =>
            string.Create(CultureInfo.InvariantCulture, $$$"""{"id": "e{{{i}}}", "time": {{{i * 60}}}, "label": {{{2.0 * i + 1}}}, "features": {"x": {{{i}}}}}"""))) + "]}";
        (await http.PostRaw($"v1/models/{Model}/events", events)).EnsureSuccessStatusCode();

        var accepted = await http.PostRaw($"v1/models/{Model}/retrain", """{"reason": "too early"}""");
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var id = (await accepted.Read<RetrainView>()).Id;
        var failed = await (await http.GetAsync($"v1/models/{Model}/retrains/{id}?wait=60")).Read<RetrainView>();

        Assert.Equal(("failed", "too few labelled rows"), (failed.State, failed.Error));
        Assert.Contains("30 labelled rows", failed.Steps[^1].Note, StringComparison.Ordinal);
        Assert.Contains("at least 100", failed.Steps[^1].Note, StringComparison.Ordinal);
        Assert.Null(failed.Candidate);
        Assert.Single((await (await http.GetAsync($"v1/models/{Model}/retrains")).Read<RetrainListResponse>()).Retrains);
        var versions = await (await http.GetAsync($"v1/models/{Model}/versions")).Read<VersionListResponse>();
        Assert.Equal(["1"], versions.Versions.Select(v => v.Version));
        Assert.Equal(["champion"], versions.Versions[0].Aliases);
    }
}
