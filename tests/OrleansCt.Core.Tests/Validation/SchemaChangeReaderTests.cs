using System.Text;
using OrleansCt.Core.Events;
using OrleansCt.Core.Schema;
using OrleansCt.Core.Validation;

namespace OrleansCt.Core.Tests.Validation;

/// <summary>Renamed features (aliases) and schema changes (validation.onSchemaChange) when events are read.</summary>
public sealed class SchemaChangeReaderTests
{
    private const string Changed = """
        {"events": [
            {"id": "a", "features": {"price": 1, "day": "1", "wind": 3}},
            {"id": "b", "features": {"price": 2, "day": "2", "wind": 4, "gust": null}},
            {"id": "c", "features": {"day": "3"}},
            {"id": "d", "features": {"price": 4}}
        ]}
        """;

    /// <summary>price (aliases cost, nswprice) and day (alias weekday), both required; null keeps the default policy.</summary>
    private static ModelSchema Schema(string? onSchemaChange) => new(new ModelDefinition
    {
        Task = ModelTask.Binary,
        Target = "class",
        Classes = ["DOWN", "UP"],
        Features =
        [
            new FeatureSpec { Name = "price", Type = FeatureType.Numeric, Aliases = ["cost", "nswprice"] },
            new FeatureSpec { Name = "day", Type = FeatureType.Categorical, Aliases = ["weekday"] },
        ],
        Validation = onSchemaChange is null ? new ValidationSpec() : new ValidationSpec { OnSchemaChange = onSchemaChange },
    });

    private static ReadResult<EventBatch> Read(string json, string? onSchemaChange = null) =>
        EventBatchReader.Read(Encoding.UTF8.GetBytes(json), Schema(onSchemaChange), BatchKind.Events, 0);

    [Fact]
    public void A_feature_sent_under_an_alias_is_read_as_that_feature()
    {
        var read = Read("""{"events": [{"id": "a", "features": {"cost": 2.5, "weekday": "3"}}, {"id": "b", "features": {"nswprice": 1, "day": "4"}}]}""");

        Assert.True(read.Ok);
        Assert.Equal([2.5, 1.0], read.Value!.Numeric[0]);
        Assert.Equal(new string?[] { "3", "4" }, read.Value.Categorical[0]);
        Assert.Null(read.Value.NewFeatures);
    }

    [Theory]
    [InlineData("reject")]
    [InlineData("count")]
    public void A_feature_sent_under_its_name_and_an_alias_is_an_error_at_the_alias(string policy)
    {
        var read = Read("""{"events": [{"id": "a", "features": {"price": 1, "cost": 2, "day": "1"}}]}""", policy);

        Assert.False(read.Ok);
        Assert.Null(read.Value);
        Assert.False(read.TooLarge);
        var error = Assert.Single(read.Errors);
        Assert.Equal("events[0].features.cost", error.Field);
        Assert.Contains("twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_feature_sent_under_two_aliases_is_an_error_at_each_alias()
    {
        var read = Read("""{"events": [{"id": "a", "features": {"cost": 1, "day": "1", "nswprice": 2}}]}""");

        Assert.Equal(["events[0].features.cost", "events[0].features.nswprice"], read.Errors.Select(e => e.Field));
    }

    [Fact]
    public void Counting_schema_changes_counts_unknown_features_per_name_and_reads_absent_ones_as_missing()
    {
        var read = Read(Changed, "count");

        // wind in events a and b, gust in b (a null value still carries the name); price absent from c, day from d.
        Assert.True(read.Ok);
        var batch = read.Value!;
        Assert.Equal([("gust", 1L), ("wind", 2L)], batch.NewFeatures!.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => (f.Key, f.Value)));
        Assert.Equal([1.0, 2.0, double.NaN, 4.0], batch.Numeric[0]);
        Assert.Equal(new string?[] { "1", "2", "3", null }, batch.Categorical[0]);
    }

    [Fact]
    public void By_default_schema_changes_are_rejected_naming_each_unknown_and_each_absent_feature()
    {
        var read = Read(Changed);

        Assert.Null(read.Value);
        Assert.Equal(
            [
                new FieldError("events[0].features.wind", "is not a feature of this model"),
                new FieldError("events[1].features.wind", "is not a feature of this model"),
                new FieldError("events[1].features.gust", "is not a feature of this model"),
                new FieldError("events[2].features.price", "is required"),
                new FieldError("events[3].features.day", "is required"),
            ],
            read.Errors);
    }

    [Fact]
    public void Without_schema_changes_a_counting_batch_carries_no_new_features()
    {
        var read = Read("""{"events": [{"id": "a", "features": {"price": 1, "day": "1"}}]}""", "count");

        Assert.True(read.Ok);
        Assert.Null(read.Value!.NewFeatures);
    }
}
