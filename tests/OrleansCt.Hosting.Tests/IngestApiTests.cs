using System.Net;
using OrleansCt.Hosting.Tests.Infrastructure;

namespace OrleansCt.Hosting.Tests;

[Collection(SiloCollection.Name)]
public sealed class IngestApiTests(SiloFixture fixture)
{
    private HttpClient Http => fixture.Silo.Http;

    private async Task<string> Register(string name, string definition)
    {
        Assert.Equal(HttpStatusCode.Created, (await Http.PutRaw($"v1/models/{name}", definition)).StatusCode);
        return name;
    }

    private async Task<ModelResponse> Model(string name) => await (await Http.GetAsync($"v1/models/{name}")).Read<ModelResponse>();

    [Fact]
    public async Task Predict_answers_each_event_with_class_probabilities_and_version_and_logs_it()
    {
        var model = await Register("ingest-predict", Definitions.Binary);
        var response = await Http.PostRaw($"v1/models/{model}/predict",
            """{"events": [{"id": "e1", "time": 1800, "features": {"nswprice": 0.05, "day": "2"}}, {"id": "e2", "features": {"nswprice": 0.9, "day": 3}}]}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Read<PredictResponse>();

        Assert.Equal(["e1", "e2"], answer.Predictions.Select(p => p.Id));
        Assert.All(answer.Predictions, p => Assert.Equal("1", p.Version));
        // A fresh logistic model has zero weights: sigmoid(0) = 0.5 for both classes, and ties go to the first class.
        Assert.Equal(0.5, answer.Predictions[0].Probabilities!["UP"], 12);
        Assert.Equal(1.0, answer.Predictions[0].Probabilities!.Values.Sum(), 12);
        Assert.Equal(2, (await Model(model)).Events);
    }

    [Fact]
    public async Task A_regression_model_answers_a_value()
    {
        var model = await Register("ingest-regression", Definitions.Regression);
        var answer = await (await Http.PostRaw($"v1/models/{model}/predict",
            """{"events": [{"id": "r1", "features": {"x": 1.5}}]}""")).Read<PredictResponse>();
        Assert.Equal(0.0, answer.Predictions[0].Value);
        Assert.Null(answer.Predictions[0].Label);
    }

    [Fact]
    public async Task Labels_join_predictions_by_id_and_count_unknown_ids_as_unmatched()
    {
        var model = await Register("ingest-labels", Definitions.Binary);
        await Http.PostRaw($"v1/models/{model}/predict", """{"events": [{"id": "a", "features": {"nswprice": 0.1, "day": "1"}}, {"id": "b", "features": {"nswprice": 0.7, "day": "1"}}]}""");

        var labels = await (await Http.PostRaw($"v1/models/{model}/labels",
            """{"labels": [{"id": "a", "label": "UP"}, {"id": "b", "label": "DOWN"}, {"id": "ghost", "label": "UP"}]}""")).Read<LabelsResponse>();

        Assert.Equal(new LabelsResponse(3, 2, 1, 0), labels);
        var state = await Model(model);
        Assert.Equal(2, state.Labels);
        Assert.Equal(1, state.UnmatchedLabels);
        Assert.Equal(2, state.LearnerUpdates);
        Assert.Equal(2, state.Performance.Labelled);
    }

    [Fact]
    public async Task A_label_sent_twice_is_counted_and_learned_once()
    {
        var model = await Register("ingest-label-twice", Definitions.Binary);
        await Http.PostRaw($"v1/models/{model}/predict", """{"events": [{"id": "a", "features": {"nswprice": 0.1, "day": "1"}}]}""");
        const string label = """{"labels": [{"id": "a", "label": "UP"}]}""";
        await Http.PostRaw($"v1/models/{model}/labels", label);
        var again = await (await Http.PostRaw($"v1/models/{model}/labels", label)).Read<LabelsResponse>();

        Assert.Equal(new LabelsResponse(1, 0, 0, 1), again);
        Assert.Equal(1, (await Model(model)).LearnerUpdates);
    }

    [Fact]
    public async Task Events_with_labels_are_logged_and_learned_in_one_call()
    {
        var model = await Register("ingest-events", Definitions.Binary);
        var response = await Http.PostRaw($"v1/models/{model}/events",
            """{"events": [{"id": "x1", "time": "2026-01-01T00:30:00Z", "features": {"nswprice": 0.2, "day": "4"}, "label": "DOWN"}, {"id": "x2", "features": {"nswprice": 0.8, "day": "4"}}]}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var state = await Model(model);
        Assert.Equal(2, state.Events);
        Assert.Equal(1, state.Labels);
        Assert.Equal(1, state.LearnerUpdates);
    }

    [Fact]
    public async Task Resending_stored_ids_returns_the_stored_answers_and_counts_nothing_twice()
    {
        var model = await Register("ingest-dedup", Definitions.Binary);
        var first = await (await Http.PostRaw($"v1/models/{model}/events",
            """{"events": [{"id": "d1", "features": {"nswprice": 0.2, "day": "4"}, "label": "UP"}]}""")).Read<PredictResponse>();
        // The model learns from d1 and this silo publishes a snapshot after every update; the next answer brings it
        // to the ingest grain, so a fresh prediction for d1's features now differs from the stored one.
        await Http.PostRaw($"v1/models/{model}/predict", """{"events": [{"id": "d0", "features": {"nswprice": 0.5, "day": "1"}}]}""");
        var retry = await (await Http.PostRaw($"v1/models/{model}/events",
            """{"events": [{"id": "d1", "features": {"nswprice": 0.2, "day": "4"}, "label": "UP"}, {"id": "d2", "features": {"nswprice": 0.2, "day": "4"}}]}""")).Read<PredictResponse>();

        Assert.Equal(1, retry.Duplicates);
        Assert.Equal(first.Predictions[0].Probabilities!["UP"], retry.Predictions[0].Probabilities!["UP"]);
        Assert.NotEqual(retry.Predictions[0].Probabilities!["UP"], retry.Predictions[1].Probabilities!["UP"]);
        var state = await Model(model);
        Assert.Equal(3, state.Events);
        Assert.Equal(1, state.LearnerUpdates);
    }

    [Fact]
    public async Task Ids_older_than_the_dedup_horizon_are_new_events_again()
    {
        var model = await Register("ingest-horizon", Definitions.Regression);
        const string batch = """{"events": [{"id": "h1", "features": {"x": 1}}]}""";
        await Http.PostRaw($"v1/models/{model}/predict", batch);
        fixture.Silo.Time.Advance(TimeSpan.FromHours(25));
        var again = await (await Http.PostRaw($"v1/models/{model}/predict", batch)).Read<PredictResponse>();

        Assert.Equal(0, again.Duplicates);
        Assert.Equal(2, (await Model(model)).Events);
    }

    [Theory]
    [InlineData("""{"events": [{"id": "a", "features": {"nswprice": 0.1, "day": "1"}}, {"id": "a", "features": {"nswprice": 0.1, "day": "1"}}]}""", "events[1].id")]
    [InlineData("""{"events": [{"id": "a", "features": {"nswprice": "cheap", "day": "1"}}]}""", "events[0].features.nswprice")]
    [InlineData("""{"events": [{"id": "a", "features": {"nswprice": 0.1, "day": true}}]}""", "events[0].features.day")]
    [InlineData("""{"events": [{"id": "a", "features": {"day": "1"}}]}""", "events[0].features.nswprice")]
    [InlineData("""{"events": [{"id": "a", "features": {"nswprice": 0.1, "day": "1", "colour": "red"}}]}""", "events[0].features.colour")]
    [InlineData("""{"events": [{"id": "a", "features": {"nswprice": 1e999, "day": "1"}}]}""", "events[0].features.nswprice")]
    [InlineData("""{"events": [{"id": "a", "features": {"nswprice": NaN, "day": "1"}}]}""", "body")]
    [InlineData("""{"events": [{"id": 7, "features": {"nswprice": 0.1, "day": "1"}}]}""", "events[0].id")]
    [InlineData("""{"events": [{"features": {"nswprice": 0.1, "day": "1"}}]}""", "events[0].id")]
    [InlineData("""{"events": [{"id": "a", "time": "yesterday", "features": {"nswprice": 0.1, "day": "1"}}]}""", "events[0].time")]
    [InlineData("""{"events": [{"id": "a", "features": {"nswprice": 0.1, "day": "1"}, "label": "UP"}]}""", "events[0].label")]
    [InlineData("""{"events": []}""", "events")]
    [InlineData("""{"rows": []}""", "rows")]
    [InlineData("""{"events": [{"id": "a", "features": {"nswprice": 0.1, "day": "1"}}""", "body")]
    public async Task A_bad_predict_batch_is_a_400_naming_the_event_and_field_and_stores_nothing(string body, string field)
    {
        var model = await Register($"bad-{Guid.NewGuid():N}"[..20], Definitions.Binary);
        var response = await Http.PostRaw($"v1/models/{model}/predict", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains((await response.Read<ProblemResponse>()).Errors!, e => e.Field == field);
        Assert.Equal(0, (await Model(model)).Events);
    }

    [Fact]
    public async Task A_batch_with_one_bad_event_among_good_ones_stores_none_of_them()
    {
        var model = await Register("bad-mixed", Definitions.Binary);
        var response = await Http.PostRaw($"v1/models/{model}/events",
            """{"events": [{"id": "ok1", "features": {"nswprice": 0.1, "day": "1"}, "label": "UP"}, {"id": "bad", "features": {"nswprice": 0.1, "day": "1"}, "label": "SIDEWAYS"}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("events[1].label", (await response.Read<ProblemResponse>()).Errors![0].Field);
        var state = await Model(model);
        Assert.Equal((0, 0), (state.Events, state.LearnerUpdates));
    }

    [Fact]
    public async Task A_batch_over_10000_events_is_a_413()
    {
        var model = await Register("bad-oversized", Definitions.Regression);
        var events = string.Join(",", Enumerable.Range(0, 10_001).Select(i => $$$"""{"id": "o{{{i}}}", "features": {"x": 1}}"""));
        var response = await Http.PostRaw($"v1/models/{model}/predict", $$"""{"events": [{{events}}]}""");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, (await Model(model)).Events);
    }

    [Fact]
    public async Task Predicting_for_an_unknown_model_is_a_404()
    {
        var response = await Http.PostRaw("v1/models/nobody/predict", """{"events": [{"id": "a", "features": {"x": 1}}]}""");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"labels": [{"id": "a", "label": "MAYBE"}]}""", "labels[0].label")]
    [InlineData("""{"labels": [{"id": "a"}]}""", "labels[0].label")]
    [InlineData("""{"labels": [{"id": "a", "label": "UP"}, {"id": "a", "label": "DOWN"}]}""", "labels[1].id")]
    [InlineData("""{"labels": []}""", "labels")]
    public async Task A_bad_label_batch_is_a_400_and_stores_nothing(string body, string field)
    {
        var model = await Register($"badl-{Guid.NewGuid():N}"[..20], Definitions.Binary);
        await Http.PostRaw($"v1/models/{model}/predict", """{"events": [{"id": "a", "features": {"nswprice": 0.1, "day": "1"}}]}""");
        var response = await Http.PostRaw($"v1/models/{model}/labels", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains((await response.Read<ProblemResponse>()).Errors!, e => e.Field == field);
        var state = await Model(model);
        Assert.Equal((0, 0L), (state.Labels, state.UnmatchedLabels));
    }
}
