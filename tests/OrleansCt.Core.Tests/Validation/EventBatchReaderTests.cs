using System.Text;
using OrleansCt.Core.Schema;
using OrleansCt.Core.Validation;

namespace OrleansCt.Core.Tests.Validation;

public sealed class EventBatchReaderTests
{
    private static readonly ModelSchema Schema = ReaderSchemas.Basic;

    private static ReadResult<OrleansCt.Core.Events.EventBatch> Read(string json, BatchKind kind = BatchKind.Events, double arrival = 99) =>
        EventBatchReader.Read(Encoding.UTF8.GetBytes(json), Schema, kind, arrival);

    [Fact]
    public void Rows_become_columns_in_schema_order_with_missing_values_as_NaN_and_null()
    {
        var read = Read("""{"events": [{"id": "a", "time": 10, "features": {"day": "2", "price": 1.5}, "label": "UP"}, {"id": "b", "features": {"price": -2, "day": 3, "load": null}}]}""");

        Assert.True(read.Ok);
        var batch = read.Value!;
        Assert.Equal(["a", "b"], batch.Ids);
        Assert.Equal([10.0, 99.0], batch.Times);
        Assert.Equal([1.5, -2.0], batch.Numeric[0]);
        Assert.True(batch.Numeric[1].All(double.IsNaN));
        Assert.Equal(new string?[] { "2", "3" }, batch.Categorical[0]);
        Assert.Equal(1.0, batch.Labels![0]);
        Assert.True(double.IsNaN(batch.Labels[1]));
    }

    [Fact]
    public void An_ISO_8601_time_becomes_seconds_since_1970()
    {
        var read = Read("""{"events": [{"id": "a", "time": "1970-01-02T00:00:01Z", "features": {"price": 1, "day": "1"}}]}""");
        Assert.Equal(86_401.0, read.Value!.Times[0]);
    }

    [Fact]
    public void A_batch_without_any_label_carries_no_label_column()
    {
        Assert.Null(Read("""{"events": [{"id": "a", "features": {"price": 1, "day": "1"}}]}""").Value!.Labels);
    }

    [Fact]
    public void Every_problem_of_every_event_is_reported_with_its_index_and_field()
    {
        var read = Read("""{"events": [{"id": "a", "features": {"price": "x", "day": "1"}}, {"id": "a", "features": {"price": 1, "day": [1], "wind": 3}, "label": "MAYBE", "extra": 1}]}""");

        Assert.False(read.Ok);
        Assert.Equal(
            ["events[0].features.price", "events[1].id", "events[1].features.day", "events[1].features.wind", "events[1].label", "events[1].extra"],
            read.Errors.Select(e => e.Field));
    }

    [Fact]
    public void More_than_10000_events_is_too_large()
    {
        var events = string.Join(",", Enumerable.Range(0, 10_001).Select(i => $$$"""{"id": "{{{i}}}", "features": {"price": 1, "day": "1"}}"""));
        var read = Read($$"""{"events": [{{events}}]}""");
        Assert.True(read.TooLarge);
    }

    [Fact]
    public void Errors_beyond_one_hundred_are_counted_not_listed()
    {
        var events = string.Join(",", Enumerable.Range(0, 150).Select(i => $$$"""{"id": "{{{i}}}", "features": {"price": "bad", "day": "1"}}"""));
        var read = Read($$"""{"events": [{{events}}]}""");
        Assert.Equal(101, read.Errors.Count);
        Assert.Equal(new FieldError("errors", "50 more errors not listed"), read.Errors[^1]);
    }

    [Fact]
    public void With_the_reject_policy_values_out_of_range_and_unseen_categories_refuse_the_batch()
    {
        var strict = new ModelSchema(Schema.Definition with
        {
            Features =
            [
                new FeatureSpec { Name = "price", Type = FeatureType.Numeric, Min = 0, Max = 1 },
                new FeatureSpec { Name = "day", Type = FeatureType.Categorical, Categories = ["1", "2"] },
            ],
            Validation = new ValidationSpec { OnViolation = "reject" },
        });
        const string body = """{"events": [{"id": "a", "features": {"price": 1.5, "day": "3"}}, {"id": "b", "features": {"price": -0.5, "day": "1"}}, {"id": "c", "features": {"price": 1, "day": "2"}}]}""";

        var read = EventBatchReader.Read(Encoding.UTF8.GetBytes(body), strict, BatchKind.Events, 0);
        var counted = EventBatchReader.Read(Encoding.UTF8.GetBytes(body), new ModelSchema(strict.Definition with { Validation = new ValidationSpec() }), BatchKind.Events, 0);

        Assert.Equal(
            [new FieldError("events[0].features.price", "1.5 is above max 1"), new FieldError("events[0].features.day", "'3' is not one of the categories [1, 2]"), new FieldError("events[1].features.price", "-0.5 is below min 0")],
            read.Errors);
        Assert.True(counted.Ok);
    }
}
