using System.Text;
using OrleansCt.Core.Monitoring;
using OrleansCt.Core.Schema;
using OrleansCt.Core.Validation;

namespace OrleansCt.Core.Tests.Validation;

public sealed class JsonPreflightTests
{
    private static readonly ModelSchema Schema = new(new ModelDefinition
    {
        Task = ModelTask.Binary, Target = "c", Classes = ["no", "yes"],
        Features = [new FeatureSpec { Name = "x", Type = FeatureType.Numeric }, new FeatureSpec { Name = "day", Type = FeatureType.Categorical, Required = false }],
    });

    private static byte[] Events(string lastEvent) => Encoding.UTF8.GetBytes(
        "{\"events\": [{\"id\": \"a\", \"features\": {\"x\": 1}}, {\"id\": \"b\", \"features\": {\"x\": 1}}, {\"id\": \"c\", \"features\": {\"x\": 1}}, " + lastEvent + "]}");

    [Fact]
    public void An_unpaired_surrogate_escape_in_an_id_is_refused_naming_the_event()
    {
        var result = EventBatchReader.Read(Events("""{"id": "d\ud800", "features": {"x": 1}}"""), Schema, BatchKind.Predict, 0);
        var error = Assert.Single(result.Errors);
        Assert.Equal("events[3].id", error.Field);
        Assert.Equal("is not valid UTF-8 text (invalid bytes or an unpaired surrogate escape such as \\ud800)", error.Message);
    }

    [Fact]
    public void Invalid_utf8_bytes_in_a_category_are_refused_naming_the_feature()
    {
        var body = Encoding.UTF8.GetBytes("""{"events": [{"id": "a", "features": {"x": 1, "day": "MARK"}}]}""");
        var at = Array.IndexOf(body, (byte)'M');
        (body[at], body[at + 1]) = (0xC0, 0xAF); // an overlong '/'
        var error = Assert.Single(EventBatchReader.Read(body, Schema, BatchKind.Events, 0).Errors);
        Assert.Equal("events[0].features.day", error.Field);
    }

    [Fact]
    public void Invalid_utf8_in_a_label_batch_is_refused_naming_the_label()
    {
        var body = Encoding.UTF8.GetBytes("""{"labels": [{"id": "a", "label": "yes"}, {"id": "b", "label": "y?"}]}""");
        body[Array.LastIndexOf(body, (byte)'?')] = 0xFF;
        var error = Assert.Single(LabelBatchReader.Read(body, Schema).Errors);
        Assert.Equal("labels[1].label", error.Field);
    }

    [Fact]
    public void A_key_given_twice_is_refused_naming_it()
    {
        var error = Assert.Single(EventBatchReader.Read(Events("""{"id": "d", "features": {"x": 1, "x": 2}}"""), Schema, BatchKind.Predict, 0).Errors);
        Assert.Equal("events[3].features.x", error.Field);
        Assert.Equal("is given twice in one object; send each key once", error.Message);
    }

    [Fact]
    public void Deep_nesting_is_refused_naming_the_deepest_field_reached()
    {
        var body = "{\"events\": [{\"id\": \"a\", \"features\": {\"x\": " + new string('[', 10_000) + new string(']', 10_000) + "}}]}";
        var error = Assert.Single(EventBatchReader.Read(Encoding.UTF8.GetBytes(body), Schema, BatchKind.Predict, 0).Errors);
        Assert.StartsWith("events[0].features.x[0][0]", error.Field, StringComparison.Ordinal);
        Assert.Equal("is nested more than 64 levels deep; a value holds at most 64 levels", error.Message);
    }

    [Fact]
    public void A_category_longer_than_256_characters_is_refused_by_both_readers()
    {
        var body = Encoding.UTF8.GetBytes($$$"""{"events": [{"id": "a", "features": {"x": 1, "day": "{{{new string('d', 257)}}}"}}]}""");
        var error = Assert.Single(EventBatchReader.Read(body, Schema, BatchKind.Predict, 0).Errors);
        Assert.Equal("events[0].features.day", error.Field);
        Assert.Equal("is 257 characters long; a category is at most 256", error.Message);
        Assert.Null(EventBatchReader.TryReadStreaming(body, Schema, BatchKind.Predict, 0));
    }

    [Fact]
    public void A_string_over_64_KiB_is_refused_by_the_preflight_naming_it_and_the_longest_a_field_can_need_passes()
    {
        // 65,537 bytes: one past 64 KiB. The id is also far past 256 characters, but the preflight answers first, with the byte count.
        var body = Events($$$"""{"id": "{{{new string('i', 65_537)}}}", "features": {"x": 1}}""");
        var error = Assert.Single(EventBatchReader.Read(body, Schema, BatchKind.Predict, 0).Errors);
        Assert.Equal(("events[3].id", "is 65537 bytes long; no value is longer than 65536 bytes (an id or a category holds at most 256 characters)"), (error.Field, error.Message));
        Assert.Null(EventBatchReader.TryReadStreaming(body, Schema, BatchKind.Predict, 0));
        Assert.Equal("labels[0].label", Assert.Single(LabelBatchReader.Read(Encoding.UTF8.GetBytes($$$"""{"labels": [{"id": "a", "label": "{{{new string('y', 70_000)}}}"}]}"""), Schema).Errors).Field);

        // A name: the object holding it is named (the name itself is what is too long to repeat).
        var name = JsonPreflight.Check(Encoding.UTF8.GetBytes($$$"""{"events": [{"id": "a", "features": {"{{{new string('n', 65_537)}}}": 1}}]}"""));
        Assert.Equal(("events[0].features", "holds a name of 65537 bytes; no name is longer than 65536 bytes (a feature name holds at most 128 characters)"), (name!.Field, name.Message));

        // Exactly 64 KiB passes the preflight (the reader then applies the field's own limit), as does the longest a 256-character
        // category can be: 256 escaped surrogate pairs, 12 bytes per two characters.
        Assert.Null(JsonPreflight.Check(Encoding.UTF8.GetBytes($$$"""{"comment": "{{{new string('c', 65_536)}}}"}""")));
        Assert.Null(JsonPreflight.Check(Encoding.UTF8.GetBytes("{\"day\": \"" + string.Concat(Enumerable.Repeat("\\ud83d\\ude00", 128)) + "\"}")));
    }

    [Fact]
    public void An_event_time_beyond_year_9999_is_refused()
    {
        var body = Encoding.UTF8.GetBytes("""{"events": [{"id": "a", "time": 1e300, "features": {"x": 1}}]}""");
        Assert.Equal("events[0].time", Assert.Single(EventBatchReader.Read(body, Schema, BatchKind.Predict, 0).Errors).Field);
    }

    [Theory]
    [InlineData("1e308d")]
    [InlineData("2e307h")]
    [InlineData("36526d")]
    [InlineData("1e13e")]
    public void A_window_that_would_overflow_is_refused_naming_window(string text)
    {
        Assert.False(WindowSpec.TryParse(text, out _, out var error));
        Assert.Equal("window", error!.Field);
    }

    [Fact]
    public void Valid_text_passes()
    {
        Assert.Null(JsonPreflight.Check(Encoding.UTF8.GetBytes("""{"a": ["é\u00e9\ud83d\ude00", {"a": 1}], "b": {"a": null}}""")));
    }
}
