using System.Net;
using OrleansCt.Hosting.Tests.Infrastructure;

namespace OrleansCt.Hosting.Tests;

[Collection(SiloCollection.Name)]
public sealed class ModelsApiTests(SiloFixture fixture)
{
    private HttpClient Http => fixture.Silo.Http;

    [Fact]
    public async Task Registering_a_model_creates_it_with_version_1_as_champion()
    {
        var created = await Http.PutRaw("v1/models/reg-create", Definitions.Binary);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var model = await (await Http.GetAsync("v1/models/reg-create")).Read<ModelResponse>();
        Assert.Equal("1", model.Champion);
        Assert.Equal(["DOWN", "UP"], model.Classes);
        Assert.Equal(0, model.Events);
        Assert.Equal(2, model.Features.Count);
    }

    [Fact]
    public async Task Registering_the_same_definition_again_is_unchanged_and_200()
    {
        await Http.PutRaw("v1/models/reg-same", Definitions.Binary);
        var again = await Http.PutRaw("v1/models/reg-same", Definitions.Binary);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task Updating_bounds_is_allowed_but_changing_features_is_a_409_naming_the_feature()
    {
        await Http.PutRaw("v1/models/reg-update", Definitions.Binary);
        var widened = await Http.PutRaw("v1/models/reg-update", Definitions.Binary.Replace("\"max\": 1", "\"max\": 2"));
        Assert.Equal(HttpStatusCode.OK, widened.StatusCode);
        Assert.Equal(2, (await widened.ReadJson()).GetProperty("features")[0].GetProperty("max").GetDouble());

        var renamed = await Http.PutRaw("v1/models/reg-update", Definitions.Binary.Replace("\"nswprice\"", "\"price\""));
        Assert.Equal(HttpStatusCode.Conflict, renamed.StatusCode);
        var problem = await renamed.Read<ProblemResponse>();
        Assert.Contains(problem.Errors!, e => e.Field == "features[0]");
    }

    [Fact]
    public async Task Listing_returns_every_registered_model_by_name()
    {
        await Http.PutRaw("v1/models/list-a", Definitions.Regression);
        await Http.PutRaw("v1/models/list-b", Definitions.Multiclass);
        var list = await (await Http.GetAsync("v1/models")).Read<ModelListResponse>();
        Assert.Contains(list.Models, m => m.Name == "list-a" && m.Definition.Task == ModelTask.Regression);
        Assert.Contains(list.Models, m => m.Name == "list-b");
    }

    [Theory]
    [InlineData("""{"task": "binary", "target": "c", "classes": ["a"], "features": [{"name": "x", "type": "numeric"}]}""", "classes")]
    [InlineData("""{"task": "binary", "target": "c", "classes": ["a", "b"], "positiveClass": "z", "features": [{"name": "x", "type": "numeric"}]}""", "positiveClass")]
    [InlineData("""{"task": "regression", "target": "y", "features": []}""", "features")]
    [InlineData("""{"task": "regression", "target": "y", "features": [{"name": "x", "type": "numeric"}, {"name": "x", "type": "numeric"}]}""", "features[1].name")]
    [InlineData("""{"task": "regression", "target": "y", "features": [{"name": "x", "type": "numeric", "min": 2, "max": 1}]}""", "features[0].min")]
    [InlineData("""{"task": "regression", "target": "y", "features": [{"name": "x", "type": "numeric"}], "learner": {"loss": "hinge"}}""", "learner.loss")]
    [InlineData("""{"task": "regression", "target": "y", "features": [{"name": "x", "type": "numeric"}], "monitoring": {"detectors": [{"kind": "adwinn"}]}}""", "monitoring.detectors[0]")]
    [InlineData("""{"task": "regression", "target": "y", "features": [{"name": "x", "type": "numeric"}], "monitoring": {"detectors": [{"kind": "adwin", "parameters": {"speed": 3}}]}}""", "monitoring.detectors[0]")]
    [InlineData("""{"task": "sideways", "target": "y", "features": [{"name": "x", "type": "numeric"}]}""", "task")]
    [InlineData("""{"task": "regression", "target": "y", "features": [{"name": "x", "type": "numeric"}""", "features[1]")]
    public async Task An_invalid_definition_is_a_400_naming_the_field_and_registers_nothing(string definition, string field)
    {
        var response = await Http.PutRaw("v1/models/reg-invalid", definition);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Read<ProblemResponse>();
        Assert.Contains(problem.Errors!, e => e.Field.StartsWith(field, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync("v1/models/reg-invalid")).StatusCode);
    }

    [Fact]
    public async Task A_model_name_with_forbidden_characters_is_a_400_naming_the_model()
    {
        var response = await Http.PutRaw("v1/models/bad%20name", Definitions.Regression);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("model", (await response.Read<ProblemResponse>()).Errors![0].Field);
    }

    [Fact]
    public async Task An_unknown_model_is_a_404_problem()
    {
        var response = await Http.GetAsync("v1/models/never-registered");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("model", (await response.Read<ProblemResponse>()).Errors![0].Field);
    }

    [Fact]
    public async Task The_openapi_document_and_the_dashboard_are_served()
    {
        var openApi = await (await Http.GetAsync("openapi/v1.json")).ReadJson();
        Assert.True(openApi.GetProperty("paths").TryGetProperty("/v1/models/{model}/predict", out _));
        var dashboard = await Http.GetAsync("dashboard/");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
    }
}
