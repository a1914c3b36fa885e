using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using OrleansCt.Core.Events;
using OrleansCt.Core.Schema;
using OrleansCt.Core.Tests.Learning;
using OrleansCt.Core.Validation;

namespace OrleansCt.Core.Tests.Validation;

/// <summary>
/// The streaming event reader against the document reader it replaces: the same outcome for every body, valid or not
/// (batch contents bit for bit, or the same errors in the same order, or the same exception), and the streaming pass
/// itself taking the plain valid bodies rather than handing them over.
/// </summary>
public sealed class StreamingReaderEquivalenceTests
{
    private static readonly ModelSchema Basic = ReaderSchemas.Basic;

    private static readonly ModelDefinition AliasDefinition = new()
    {
        Task = ModelTask.Multiclass,
        Target = "class",
        Classes = ["a", "b", "é"],
        Features =
        [
            new FeatureSpec { Name = "price", Type = FeatureType.Numeric, Aliases = ["cost", "nswprice"], Min = -10, Max = 10 },
            new FeatureSpec { Name = "wind", Type = FeatureType.Numeric, Required = false },
            new FeatureSpec { Name = "day", Type = FeatureType.Categorical, Aliases = ["weekday"], Categories = ["1", "2", "3", "mañana"] },
            new FeatureSpec { Name = "zone", Type = FeatureType.Categorical, Required = false },
        ],
    };

    private static readonly ModelSchema Regression = new(new ModelDefinition
    {
        Task = ModelTask.Regression,
        Target = "y",
        Features =
        [
            new FeatureSpec { Name = "x", Type = FeatureType.Numeric, Min = 0 },
            new FeatureSpec { Name = "kind", Type = FeatureType.Categorical, Required = false, Categories = ["p", "q"] },
        ],
    });

    /// <summary>An alias that is also another feature's name: only the document reader knows which feature it reads.</summary>
    private static readonly ModelSchema Colliding = new(new ModelDefinition
    {
        Task = ModelTask.Binary,
        Target = "class",
        Classes = ["DOWN", "UP"],
        Features =
        [
            new FeatureSpec { Name = "price", Type = FeatureType.Numeric, Aliases = ["load"] },
            new FeatureSpec { Name = "load", Type = FeatureType.Numeric, Required = false },
            new FeatureSpec { Name = "day", Type = FeatureType.Categorical, Aliases = ["d", "d"] },
        ],
    });

    private static readonly ModelSchema[] Schemas =
    [
        Basic,
        new(AliasDefinition),
        new(AliasDefinition with { Validation = new ValidationSpec { OnSchemaChange = "count" } }),
        new(AliasDefinition with { Validation = new ValidationSpec { OnViolation = "reject" } }),
        new(AliasDefinition with { Validation = new ValidationSpec { OnViolation = "reject", OnSchemaChange = "count" } }),
        Regression,
        new(Regression.Definition with { Validation = new ValidationSpec { OnViolation = "reject" } }),
    ];

    private const string Plain = """{"events": [{"id": "a", "time": 10, "features": {"day": "2", "price": 1.5}, "label": "UP"}, {"id": "b", "features": {"price": -2, "day": 3, "load": null}}]}""";

    public static TheoryData<string> HandWritten() =>
    [
        Plain,
        """{"events":[{"id":"a","features":{"price":1,"day":"1"}}]}""",
        " \r\n\t{ \"events\" : [ { \"id\" : \"a\" , \"features\" : { \"price\" : 1 , \"day\" : \"1\" } } ] } \n",

        // Times: numbers, ISO 8601, null, and what is neither.
        """{"events": [{"id": "a", "time": "1970-01-02T00:00:01Z", "features": {"price": 1, "day": "1"}}]}""",
        """{"events": [{"id": "a", "time": "2026-01-01 12:00", "features": {"price": 1, "day": "1"}}]}""",
        """{"events": [{"id": "a", "time": "2026-01-01T12:00:00+02:00", "features": {"price": 1, "day": "1"}}]}""",
        """{"events": [{"id": "a", "time": "yesterday", "features": {"price": 1, "day": "1"}}]}""",
        """{"events": [{"id": "a", "time": null, "features": {"price": 1, "day": "1"}}]}""",
        """{"events": [{"id": "a", "time": true, "features": {"price": 1, "day": "1"}}]}""",
        """{"events": [{"id": "a", "time": [1], "features": {"price": 1, "day": "1"}}]}""",
        """{"events": [{"id": "a", "time": -1.5e3, "features": {"price": 1, "day": "1"}}]}""",
        """{"events": [{"id": "a", "time": 1e999, "features": {"price": 1, "day": "1"}}]}""",
        """{"events": [{"id": "a", "time": 0, "features": {"price": 1, "day": "1"}}, {"id": "b", "time": -0, "features": {"price": 1, "day": "1"}}]}""",

        // Ids.
        """{"events": [{"features": {"price": 1, "day": "1"}}]}""",
        """{"events": [{"id": 1, "features": {"price": 1, "day": "1"}}]}""",
        """{"events": [{"id": null, "features": {"price": 1, "day": "1"}}]}""",
        """{"events": [{"id": "", "features": {"price": 1, "day": "1"}}]}""",
        "{\"events\": [{\"id\": \"" + new string('x', 256) + "\", \"features\": {\"price\": 1, \"day\": \"1\"}}]}",
        "{\"events\": [{\"id\": \"" + new string('x', 257) + "\", \"features\": {\"price\": 1, \"day\": \"1\"}}]}",
        "{\"events\": [{\"id\": \"" + string.Concat(Enumerable.Repeat("\\u00e9", 256)) + "\", \"features\": {\"price\": 1, \"day\": \"1\"}}]}",
        "{\"events\": [{\"id\": \"" + string.Concat(Enumerable.Repeat("😀", 129)) + "\", \"features\": {\"price\": 1, \"day\": \"1\"}}]}",
        """{"events": [{"id": "a", "features": {"price": 1, "day": "1"}}, {"id": "a", "features": {"price": 2, "day": "2"}}]}""",
        """{"events": [{"id": "a\u0062", "features": {"price": 1, "day": "1"}}, {"id": "ab", "features": {"price": 2, "day": "2"}}]}""",
        """{"events": [{"id": "é\n\"x\"", "features": {"price": 1, "day": "1"}}]}""",

        // Features.
        """{"events": [{"id": "a"}]}""",
        """{"events": [{"id": "a", "features": null}]}""",
        """{"events": [{"id": "a", "features": [1, 2]}]}""",
        """{"events": [{"id": "a", "features": {}}]}""",
        """{"events": [{"id": "a", "features": {"price": 1}}]}""",
        """{"events": [{"id": "a", "features": {"price": null, "day": "1"}}]}""",
        """{"events": [{"id": "a", "features": {"price": 1, "day": null}}]}""",
        """{"events": [{"id": "a", "features": {"price": 1, "day": "1", "wind": 3}}]}""",
        """{"events": [{"id": "a", "features": {"price": 1, "day": "1", "wind": {"a": [1, {"b": null}]}, "gust": [[]]}}]}""",
        """{"events": [{"id": "a", "features": {"price": 1, "day": "1", "wind": 3, "wind": 4}}]}""",
        """{"events": [{"id": "a", "features": {"price": 1, "day": "1", "price": 2}}]}""",
        """{"events": [{"id": "a", "features": {"price": 1, "day": "1", "price": null}}]}""",
        """{"events": [{"id": "a", "features": {"price": 1, "cost": 2, "day": "1"}}]}""",
        """{"events": [{"id": "a", "features": {"cost": 1, "day": "1", "nswprice": 2}}]}""",
        """{"events": [{"id": "a", "features": {"cost": 1, "cost": 3, "weekday": "1"}}]}""",
        """{"events": [{"id": "a", "features": {"nswprice": -3.25, "weekday": "mañana", "zone": "north"}}]}""",
        """{"events": [{"id": "a", "features": {"pr\u0069ce": 1, "day": "1"}}]}""",
        """{"events": [{"id": "a", "features": {"price": 1, "d\u0061y": "1", "day": "2"}}]}""",
        """{"events": [{"id": "a", "features": {"price": 1, "day": "1", "w\u0069nd": 3}}]}""",
        """{"events": [{"id": "a", "features": {"Price": 1, "day": "1"}}]}""",
        """{"events": [{"id": "a", "features": {"": 1, "price": 1, "day": "1"}}]}""",

        // Numbers.
        """{"events": [{"id": "a", "features": {"price": "1", "day": "1"}}]}""",
        """{"events": [{"id": "a", "features": {"price": true, "day": "1"}}]}""",
        """{"events": [{"id": "a", "features": {"price": {}, "day": "1"}}]}""",
        """{"events": [{"id": "a", "features": {"price": 1e400, "day": "1"}}]}""",
        """{"events": [{"id": "a", "features": {"price": -1e400, "day": "1"}}]}""",
        """{"events": [{"id": "a", "features": {"price": 1e-400, "day": "1"}}]}""",
        """{"events": [{"id": "a", "features": {"price": -0.0, "day": "1"}}, {"id": "b", "features": {"price": 0.000, "day": "1"}}, {"id": "c", "features": {"price": -0e5, "day": "1"}}]}""",
        """{"events": [{"id": "a", "features": {"price": 123456789012345678901234567890, "day": "1"}}, {"id": "b", "features": {"price": 0.1234567890123456789012345, "day": "1"}}]}""",
        """{"events": [{"id": "a", "features": {"price": 9007199254740993, "day": "1"}}, {"id": "b", "features": {"price": 2.2250738585072011e-308, "day": "1"}}]}""",
        """{"events": [{"id": "a", "features": {"price": 4.9e-324, "day": "1"}}, {"id": "b", "features": {"price": 1.7976931348623157E308, "day": "1"}}, {"id": "c", "features": {"price": 1.7976931348623159e308, "day": "1"}}]}""",
        """{"events": [{"id": "a", "features": {"price": 1E+2, "day": "1"}}, {"id": "b", "features": {"price": 12.5e-1, "day": "1"}}, {"id": "c", "features": {"price": 0.00000000000000000000000000001, "day": "1"}}]}""",
        """{"events": [{"id": "a", "features": {"price": 01, "day": "1"}}]}""",
        """{"events": [{"id": "a", "features": {"price": 1., "day": "1"}}]}""",
        """{"events": [{"id": "a", "features": {"price": .5, "day": "1"}}]}""",
        """{"events": [{"id": "a", "features": {"price": +1, "day": "1"}}]}""",
        """{"events": [{"id": "a", "features": {"price": NaN, "day": "1"}}]}""",
        """{"events": [{"id": "a", "features": {"price": Infinity, "day": "1"}}]}""",

        // Categories.
        """{"events": [{"id": "a", "features": {"price": 1, "day": 3.5}}]}""",
        """{"events": [{"id": "a", "features": {"price": 1, "day": -0}}, {"id": "b", "features": {"price": 1, "day": 1e2}}, {"id": "c", "features": {"price": 1, "day": 3.0}}]}""",
        """{"events": [{"id": "a", "features": {"price": 1, "day": 12345678901234567890}}, {"id": "b", "features": {"price": 1, "day": -9223372036854775808}}]}""",
        """{"events": [{"id": "a", "features": {"price": 1, "day": false}}]}""",
        """{"events": [{"id": "a", "features": {"price": 1, "day": ["1"]}}]}""",
        """{"events": [{"id": "a", "features": {"price": 1, "day": "ma\u00f1ana"}}, {"id": "b", "features": {"price": 1, "day": "mañana"}}]}""",
        """{"events": [{"id": "a", "features": {"price": 1, "day": "7"}}, {"id": "b", "features": {"price": 1, "day": ""}}]}""",

        // Labels.
        """{"events": [{"id": "a", "features": {"price": 1, "day": "1"}, "label": "MAYBE"}]}""",
        """{"events": [{"id": "a", "features": {"price": 1, "day": "1"}, "label": null}]}""",
        """{"events": [{"id": "a", "features": {"price": 1, "day": "1"}, "label": 1}]}""",
        """{"events": [{"id": "a", "features": {"price": 1, "day": "1"}, "label": "\u0055P"}]}""",
        """{"events": [{"id": "a", "features": {"price": 1, "day": "1"}, "label": "é"}, {"id": "b", "features": {"price": 1, "day": "1"}, "label": "b"}]}""",
        """{"events": [{"id": "a", "features": {"price": 1, "day": "1"}, "label": 2.5}, {"id": "b", "features": {"price": 1, "day": "1"}, "label": "2.5"}]}""",
        """{"events": [{"id": "a", "features": {"price": 1, "day": "1"}, "label": 1e999}]}""",
        """{"events": [{"id": "a", "features": {"price": 1, "day": "1"}, "label": [1]}]}""",
        """{"events": [{"id": "a", "features": {"price": 1, "day": "1"}, "label": "UP"}, {"id": "b", "features": {"price": 1, "day": "1"}, "label": null}]}""",

        // Fields of an event given twice, unknown or escaped.
        """{"events": [{"id": "a", "id": "a", "features": {"price": 1, "day": "1"}}]}""",
        """{"events": [{"id": "a", "id": "b", "features": {"price": 1, "day": "1"}}, {"id": "a", "features": {"price": 1, "day": "1"}}]}""",
        """{"events": [{"id": "a", "time": 1, "time": null, "features": {"price": 1, "day": "1"}}]}""",
        """{"events": [{"id": "a", "features": {"price": 1}, "features": {"day": "1"}}]}""",
        """{"events": [{"id": "a", "features": {"price": 1, "day": "1"}, "label": "UP", "label": "DOWN"}]}""",
        """{"events": [{"id": "a", "features": {"price": 1, "day": "1"}, "extra": 1}]}""",
        """{"events": [{"\u0069d": "a", "features": {"price": 1, "day": "1"}}]}""",
        """{"events": [{"ID": "a", "features": {"price": 1, "day": "1"}}]}""",

        // The body.
        """{"events": []}""",
        """{"events": null}""",
        """{"events": {}}""",
        """{"events": "x"}""",
        """{}""",
        """[]""",
        """1""",
        "\"events\"",
        """null""",
        """{"events": [1, "a", null, [], true]}""",
        """{"events": [{"id": "a", "features": {"price": 1, "day": "1"}}], "more": 1}""",
        """{"more": 1, "events": [{"id": "a", "features": {"price": 1, "day": "1"}}]}""",
        """{"events": [{"id": "a", "features": {"price": 1, "day": "1"}}], "events": [{"id": "b", "features": {"price": 2, "day": "2"}}]}""",
        """{"events": [], "events": [{"id": "b", "features": {"price": 2, "day": "2"}}]}""",
        """{"ev\u0065nts": [{"id": "a", "features": {"price": 1, "day": "1"}}]}""",

        // Not JSON.
        "",
        "   ",
        """{"events": [{"id": "a", "features": {"price": 1, "day": "1"}}]""",
        """{"events": [{"id": "a", "features": {"price": 1, "day": "1"}},]}""",
        """{"events": [{"id": "a", "features": {"price": 1, "day": "1",}}]}""",
        """{"events": [{"id": "a", "features": {"price": 1, "day": "1"}}]} x""",
        """{"events": [{"id": "a", "features": {"price": 1, "day": "1"}}]}{}""",
        """{"events": [/* c */{"id": "a", "features": {"price": 1, "day": "1"}}]}""",
        """{"events": [{'id': "a", "features": {"price": 1, "day": "1"}}]}""",
        """{"events": [{"id": "a	b", "features": {"price": 1, "day": "1"}}]}""",
        """{"events": [{"id": "a\x", "features": {"price": 1, "day": "1"}}]}""",
        "\uFEFF" + """{"events": [{"id": "a", "features": {"price": 1, "day": "1"}}]}""",
    ];

    [Theory]
    [MemberData(nameof(HandWritten))]
    public void Hand_written_bodies_read_alike_under_every_schema(string json)
    {
        foreach (var schema in Schemas.Append(Colliding))
        {
            foreach (var kind in new[] { BatchKind.Events, BatchKind.Predict })
            {
                AssertSame(Encoding.UTF8.GetBytes(json), schema, kind);
            }
        }
    }

    [Fact]
    public void A_plain_valid_body_is_read_by_the_streaming_pass()
    {
        Assert.NotNull(EventBatchReader.TryReadStreaming(Encoding.UTF8.GetBytes(Plain), Basic, BatchKind.Events, 99));
        Assert.True(EventBatchReader.Read(Encoding.UTF8.GetBytes(Plain), Basic, BatchKind.Events, 99).Ok);
    }

    [Fact]
    public void A_schema_whose_names_collide_is_left_to_the_document_reader()
    {
        Assert.Null(EventBatchReader.TryReadStreaming(Encoding.UTF8.GetBytes(Plain), Colliding, BatchKind.Events, 99));
        AssertSame(Encoding.UTF8.GetBytes("""{"events": [{"id": "a", "features": {"load": 1, "d": "1"}}]}"""), Colliding, BatchKind.Events);
    }

    [Fact]
    public void Bodies_with_bytes_that_are_not_UTF_8_read_alike()
    {
        var bad = new byte[] { 0xC3, 0x28 };
        foreach (var template in new[]
        {
            """{"events": [{"id": "#", "features": {"price": 1, "day": "1"}}]}""",
            """{"events": [{"id": "a", "features": {"price": 1, "day": "#"}}]}""",
            """{"events": [{"id": "a", "features": {"price": 1, "day": "1", "#": 2}}]}""",
            """{"events": [{"id": "a", "features": {"price": 1, "day": "1", "wind": "#"}}]}""",
            """{"events": [{"id": "a", "features": {"price": 1, "day": "1"}, "label": "#"}]}""",
            """{"events": [{"id": "a", "time": "#", "features": {"price": 1, "day": "1"}}]}""",
        })
        {
            var parts = template.Split('#');
            byte[] body = [.. Encoding.UTF8.GetBytes(parts[0]), .. bad, .. Encoding.UTF8.GetBytes(parts[1])];
            foreach (var schema in Schemas)
            {
                AssertSame(body, schema, BatchKind.Events);
            }
        }
    }

    [Fact]
    public void Batch_sizes_at_and_past_the_limit_read_alike()
    {
        foreach (var count in new[] { 1, 255, 256, 257, 1_000, BatchLimits.MaxEvents, BatchLimits.MaxEvents + 1 })
        {
            var events = string.Join(",", Enumerable.Range(0, count).Select(i => $$$"""{"id": "{{{i}}}", "features": {"price": {{{i}}}.5, "day": "1"}}"""));
            var body = Encoding.UTF8.GetBytes($$"""{"events": [{{events}}]}""");
            AssertSame(body, Basic, BatchKind.Events);
            Assert.Equal(count <= BatchLimits.MaxEvents, EventBatchReader.TryReadStreaming(body, Basic, BatchKind.Events, 0) is not null);
        }
    }

    [Fact]
    public void More_errors_than_are_listed_read_alike()
    {
        var events = string.Join(",", Enumerable.Range(0, 150).Select(i => $$$"""{"id": "{{{i % 120}}}", "features": {"price": "bad", "day": "1", "x{{{i}}}": 1}}"""));
        foreach (var schema in Schemas)
        {
            AssertSame(Encoding.UTF8.GetBytes($$"""{"events": [{{events}}]}"""), schema, BatchKind.Events);
        }
    }

    [Fact]
    public void Nesting_past_the_depth_limit_reads_alike()
    {
        foreach (var depth in new[] { 58, 59, 60, 61, 62, 63, 64, 65 })
        {
            var value = new string('[', depth) + new string(']', depth);
            var body = Encoding.UTF8.GetBytes($$$"""{"events": [{"id": "a", "features": {"price": 1, "day": "1", "deep": {{{value}}}}}]}""");
            foreach (var schema in Schemas)
            {
                AssertSame(body, schema, BatchKind.Events);
            }
        }
    }

    [Fact]
    public void Elec2_rows_read_alike_and_through_the_streaming_pass()
    {
        var elec2 = Elec2.Batch;
        var count = new ModelSchema(Elec2.Definition(new LearnerSpec()));
        var reject = new ModelSchema(count.Definition with { Validation = new ValidationSpec { OnViolation = "reject" } });
        var formats = new[] { "R", "G17", "E16" };
        for (var first = 0; first < elec2.Count; first += 1_000)
        {
            var rows = Enumerable.Range(first, Math.Min(1_000, elec2.Count - first)).ToArray();
            var body = Elec2Body(elec2, rows, count, formats[first / 1_000 % formats.Length]);
            foreach (var schema in new[] { count, reject })
            {
                var streamed = EventBatchReader.TryReadStreaming(body, schema, BatchKind.Events, 0);
                Assert.NotNull(streamed);
                AssertSameBatch(EventBatchReader.ReadWithDocument(body, schema, BatchKind.Events, 0).Value!, streamed.Value!);
            }

            // As it was sent: every value and label back, bit for bit.
            var batch = EventBatchReader.Read(body, count, BatchKind.Events, 0).Value!;
            for (var c = 0; c < Elec2.NumericNames.Length; c++)
            {
                Assert.Equal(rows.Select(r => BitConverter.DoubleToInt64Bits(elec2.Numeric[c][r])), batch.Numeric[c].Select(BitConverter.DoubleToInt64Bits));
            }

            Assert.Equal(rows.Select(r => elec2.Categorical[0][r]), batch.Categorical[0]);
            Assert.Equal(rows.Select(r => elec2.Labels![r]), batch.Labels!);
        }
    }

    [Fact]
    public void Random_valid_bodies_read_alike_and_through_the_streaming_pass()
    {
        var random = new Random(20260101);
        foreach (var schema in Schemas)
        {
            for (var i = 0; i < 300; i++)
            {
                var body = RandomBody(random, schema, random.Next(1, 12));
                foreach (var kind in new[] { BatchKind.Events, BatchKind.Predict })
                {
                    var (outcome, _) = AssertSame(body, schema, kind);
                    if (kind == BatchKind.Events)
                    {
                        Assert.True(outcome!.Ok, Encoding.UTF8.GetString(body) + " " + string.Join("; ", outcome.Errors));

                        // An unknown feature whose value nests (counted, never read) goes to the document reader, whose preflight
                        // checks inside it what the streaming pass skips (a key given twice, text that is not UTF-8, depth).
                        var nestsUnknown = Encoding.UTF8.GetString(body).Contains("[1,{", StringComparison.Ordinal);
                        Assert.Equal(!nestsUnknown, EventBatchReader.TryReadStreaming(body, schema, kind, 42) is not null);
                    }
                }
            }
        }
    }

    [Fact]
    public void Random_mutations_of_valid_bodies_read_alike()
    {
        var random = new Random(4);
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var schema in Schemas)
        {
            for (var i = 0; i < 1_500; i++)
            {
                var body = RandomBody(random, schema, random.Next(1, 5));
                for (var m = random.Next(1, 4); m > 0; m--)
                {
                    body = Mutate(random, body, schema);
                }

                foreach (var kind in new[] { BatchKind.Events, BatchKind.Predict })
                {
                    var (outcome, exception) = AssertSame(body, schema, kind);
                    var key = exception?.Name ?? (outcome!.Ok ? "ok" : Regex.Replace(outcome.Errors[0].Message, @"'[^']*'|-?[0-9][0-9.E+-]*|:.*", "#", RegexOptions.Singleline));
                    outcomes[key] = outcomes.GetValueOrDefault(key) + 1;
                }
            }
        }

        // The mutations reach both valid and invalid bodies, not only broken JSON.
        Assert.True(outcomes.GetValueOrDefault("ok") > 1_000, string.Join(", ", outcomes));
        Assert.True(outcomes.Count > 15, string.Join(", ", outcomes));
    }

    [Fact]
    public void Unknown_features_counted_across_events_read_alike()
    {
        var schema = Schemas[2];
        var body = Encoding.UTF8.GetBytes("""
            {"events": [
                {"id": "a", "features": {"price": 1, "day": "1", "gust": 3, "wind2": null}},
                {"id": "b", "features": {"gust": 1, "cost": 2, "alpha": "x", "weekday": "2"}},
                {"id": "c", "features": {"alpha": [1], "beta": {}}}
            ]}
            """);
        var (outcome, _) = AssertSame(body, schema, BatchKind.Events);
        Assert.Equal([("gust", 2L), ("wind2", 1L), ("alpha", 2L), ("beta", 1L)], outcome!.Value!.NewFeatures!.Select(p => (p.Key, p.Value)));

        // alpha [1] and beta {} nest: the document reader takes the body (its preflight looks inside them); without them the
        // streaming pass counts the same names itself.
        Assert.Null(EventBatchReader.TryReadStreaming(body, schema, BatchKind.Events, 0));
        var flat = Encoding.UTF8.GetBytes("""
            {"events": [
                {"id": "a", "features": {"price": 1, "day": "1", "gust": 3, "wind2": null}},
                {"id": "b", "features": {"gust": 1, "cost": 2, "alpha": "x", "weekday": "2"}}
            ]}
            """);
        var (flatOutcome, _) = AssertSame(flat, schema, BatchKind.Events);
        Assert.Equal([("gust", 2L), ("wind2", 1L), ("alpha", 1L)], flatOutcome!.Value!.NewFeatures!.Select(p => (p.Key, p.Value)));
        Assert.NotNull(EventBatchReader.TryReadStreaming(flat, schema, BatchKind.Events, 0));
    }

    /// <summary>Reads a body with both readers and asserts the same outcome (or the same exception); returns it.</summary>
    private static (ReadResult<EventBatch>? Outcome, Type? Exception) AssertSame(byte[] body, ModelSchema schema, BatchKind kind, double arrival = 42)
    {
        var expected = Attempt(() => EventBatchReader.ReadWithDocument(body, schema, kind, arrival));
        var actual = Attempt(() => EventBatchReader.Read(body, schema, kind, arrival));
        var context = $"{Encoding.UTF8.GetString(body)} ({kind}, {schema.Definition.Validation})";
        Assert.True(expected.Exception == actual.Exception, $"exception {expected.Exception} vs {actual.Exception}: {context}");
        if (expected.Outcome is null)
        {
            return expected;
        }

        Assert.True(expected.Outcome.TooLarge == actual.Outcome!.TooLarge, context);
        Assert.True(expected.Outcome.Errors.SequenceEqual(actual.Outcome.Errors), $"{string.Join("; ", expected.Outcome.Errors)} vs {string.Join("; ", actual.Outcome.Errors)}: {context}");
        Assert.True(expected.Outcome.Value is null == actual.Outcome.Value is null, context);
        if (expected.Outcome.Value is { } batch)
        {
            AssertSameBatch(batch, actual.Outcome.Value!);
        }

        // The streaming pass answers only for a valid batch, and then the same.
        var streamed = Attempt(() => EventBatchReader.TryReadStreaming(body, schema, kind, arrival)!);
        if (streamed.Outcome is { } taken)
        {
            Assert.True(taken.Ok && expected.Outcome.Ok, context);
            AssertSameBatch(expected.Outcome.Value!, taken.Value!);
        }

        return expected;
    }

    private static (ReadResult<EventBatch>? Outcome, Type? Exception) Attempt(Func<ReadResult<EventBatch>> read)
    {
        try
        {
            return (read(), null);
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            return (null, e.GetType());
        }
    }

    private static void AssertSameBatch(EventBatch expected, EventBatch actual)
    {
        Assert.Equal(expected.Ids, actual.Ids);
        Assert.Equal(Bits(expected.Times), Bits(actual.Times));
        Assert.Equal(expected.Numeric.Length, actual.Numeric.Length);
        for (var c = 0; c < expected.Numeric.Length; c++)
        {
            Assert.Equal(Bits(expected.Numeric[c]), Bits(actual.Numeric[c]));
        }

        Assert.Equal(expected.Categorical.Length, actual.Categorical.Length);
        for (var c = 0; c < expected.Categorical.Length; c++)
        {
            Assert.Equal(expected.Categorical[c], actual.Categorical[c]);
        }

        Assert.Equal(expected.Labels is null, actual.Labels is null);
        if (expected.Labels is not null)
        {
            Assert.Equal(Bits(expected.Labels), Bits(actual.Labels!));
        }

        Assert.Equal(expected.NewFeatures is null, actual.NewFeatures is null);
        if (expected.NewFeatures is not null)
        {
            Assert.Equal(expected.NewFeatures.ToList(), actual.NewFeatures!.ToList());
        }

        static long[] Bits(double[] values) => [.. values.Select(BitConverter.DoubleToInt64Bits)];
    }

    private static byte[] Elec2Body(EventBatch elec2, int[] rows, ModelSchema schema, string format)
    {
        var json = new StringBuilder("{\"events\":[");
        foreach (var r in rows)
        {
            json.Append(r == rows[0] ? "" : ",").Append("{\"id\":\"").Append(elec2.Ids[r]).Append("\",\"time\":").Append(elec2.Times[r].ToString(format, CultureInfo.InvariantCulture))
                .Append(",\"features\":{");
            for (var c = 0; c < schema.Numeric.Count; c++)
            {
                json.Append('"').Append(schema.Numeric[c].Name).Append("\":").Append(elec2.Numeric[c][r].ToString(format, CultureInfo.InvariantCulture)).Append(',');
            }

            json.Append("\"day\":\"").Append(elec2.Categorical[0][r]).Append("\"},\"label\":\"").Append(schema.Definition.Classes[(int)elec2.Labels![r]]).Append("\"}");
        }

        return Encoding.UTF8.GetBytes(json.Append("]}").ToString());
    }

    /// <summary>A valid body for the schema: fields and features in any order, aliases, nulls, optional parts left out, numbers written many ways.</summary>
    private static byte[] RandomBody(Random random, ModelSchema schema, int events)
    {
        var counts = schema.CountsSchemaChanges;
        var space = random.Next(3) switch { 0 => "", 1 => " ", _ => "\n  " };
        var json = new StringBuilder("{").Append(space).Append("\"events\":").Append(space).Append('[');
        for (var e = 0; e < events; e++)
        {
            var fields = new List<string> { $"\"id\":{space}\"{(random.Next(4) == 0 ? "é-" : "ev-")}{e}-{random.Next(1000)}\"" };
            switch (random.Next(5))
            {
                case 0:
                    fields.Add($"\"time\":{RandomNumber(random, 1e9)}");
                    break;
                case 1:
                    fields.Add($"\"time\":\"{DateTimeOffset.FromUnixTimeMilliseconds(random.NextInt64(0, 4_000_000_000_000)):O}\"");
                    break;
                case 2:
                    fields.Add("\"time\":null");
                    break;
            }

            var features = new List<string>();
            foreach (var spec in schema.Numeric.Concat(schema.Categorical))
            {
                if (!spec.Required && random.Next(3) == 0)
                {
                    continue;
                }

                var names = new[] { spec.Name }.Concat(spec.Aliases ?? []).ToArray();
                var name = names[random.Next(names.Length)];
                if (counts && random.Next(6) == 0)
                {
                    features.Add(random.Next(2) == 0 ? $"\"{name}\":null" : string.Empty);
                    continue;
                }

                if (!spec.Required && random.Next(4) == 0)
                {
                    features.Add($"\"{name}\":null");
                    continue;
                }

                features.Add($"\"{name}\":{(spec.Type == FeatureType.Numeric ? NumberIn(random, spec) : CategoryOf(random, spec))}");
            }

            if (counts)
            {
                foreach (var unknown in new[] { "gust", "temp", "µ" }.Where(_ => random.Next(3) == 0))
                {
                    features.Add($"\"{unknown}\":{(random.Next(3) == 0 ? "[1,{\"a\":null}]" : RandomNumber(random, 10))}");
                }
            }

            fields.Add($"\"features\":{{{string.Join("," + space, Shuffle(random, features.Where(f => f.Length > 0)))}}}");
            switch (random.Next(4))
            {
                case 0 when schema.IsClassification:
                    fields.Add($"\"label\":\"{schema.Definition.Classes[random.Next(schema.Definition.Classes.Count)]}\"");
                    break;
                case 0:
                    fields.Add($"\"label\":{RandomNumber(random, 100)}");
                    break;
                case 1:
                    fields.Add("\"label\":null");
                    break;
            }

            json.Append(e == 0 ? "" : ",").Append(space).Append('{').Append(string.Join("," + space, Shuffle(random, fields))).Append('}');
        }

        return Encoding.UTF8.GetBytes(json.Append(space).Append("]}").ToString());
    }

    private static string NumberIn(Random random, FeatureSpec spec)
    {
        var low = spec.Min ?? -1e6;
        var high = spec.Max ?? 1e6;
        for (var attempt = 0; ; attempt++)
        {
            var text = RandomNumber(random, Math.Max(Math.Abs(low), Math.Abs(high)));
            var value = double.Parse(text, CultureInfo.InvariantCulture);
            if ((value >= low && value <= high) || attempt > 20)
            {
                return value >= low && value <= high ? text : low.ToString("R", CultureInfo.InvariantCulture);
            }
        }
    }

    private static string CategoryOf(Random random, FeatureSpec spec)
    {
        if (spec.Categories is { } known)
        {
            var category = known[random.Next(known.Count)];
            return long.TryParse(category, NumberStyles.None, CultureInfo.InvariantCulture, out var whole) && random.Next(3) == 0
                ? whole.ToString(CultureInfo.InvariantCulture)
                : JsonSerializer.Serialize(category);
        }

        return random.Next(4) switch
        {
            0 => random.Next(-5, 100).ToString(CultureInfo.InvariantCulture),
            1 => "\"z\\u00fc\"",
            _ => $"\"z{random.Next(20)}\"",
        };
    }

    /// <summary>A number up to about <paramref name="scale"/>, written as an integer, a short or full-precision decimal, or with an exponent.</summary>
    private static string RandomNumber(Random random, double scale)
    {
        var value = (random.NextDouble() * 2 - 1) * scale;
        return random.Next(9) switch
        {
            0 => Math.Round(value).ToString("R", CultureInfo.InvariantCulture),
            1 => value.ToString("F2", CultureInfo.InvariantCulture),
            2 => value.ToString("E3", CultureInfo.InvariantCulture),
            3 => value.ToString("E16", CultureInfo.InvariantCulture),
            4 => value.ToString("G17", CultureInfo.InvariantCulture),
            5 => (value / 1e7).ToString("R", CultureInfo.InvariantCulture),
            6 => "0",
            7 => value.ToString("0.000000000000000000000", CultureInfo.InvariantCulture),
            _ => value.ToString("R", CultureInfo.InvariantCulture),
        };
    }

    private static List<T> Shuffle<T>(Random random, IEnumerable<T> items)
    {
        var list = items.ToList();
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }

        return list;
    }

    /// <summary>One random change: a byte dropped, inserted or replaced, a span repeated, or a value or name swapped for another.</summary>
    private static byte[] Mutate(Random random, byte[] body, ModelSchema schema)
    {
        var text = Encoding.UTF8.GetString(body);
        string[] values = ["null", "true", "\"x\"", "\"\"", "1e999", "-0", "0", "1.5", "-1", "[1]", "{}", "{\"a\":1}", "\"1\"", "\"2\"", "\"mañana\"", "\"UP\"", "\"a\"", "\"b\"", "3", "12345678901234567890", "1E2", "\"2026-01-01\""];
        string[] names = [.. schema.Numeric.Concat(schema.Categorical).SelectMany(f => new[] { f.Name }.Concat(f.Aliases ?? [])), "id", "time", "features", "label", "events", "gust", "x"];
        var at = random.Next(text.Length);
        switch (random.Next(8))
        {
            case 0:
                return [.. body.Take(at), .. body.Skip(at + 1)];
            case 1:
                const string Significant = "{}[],:\"\\ 0123456789.-+eEnultrfa\t";
                return [.. body.Take(at), (byte)Significant[random.Next(Significant.Length)], .. body.Skip(at)];
            case 2:
                var length = random.Next(1, 30);
                return [.. body.Take(at), .. body.Skip(at).Take(length), .. body.Skip(at)];
            case 3 or 4:
                // Replace a value (what follows a colon up to the next comma or brace).
                var colon = text.IndexOf(':', at);
                if (colon < 0)
                {
                    return body;
                }

                var end = text.IndexOfAny([',', '}', ']'], colon + 1);
                end = end < 0 ? text.Length : end;
                return Encoding.UTF8.GetBytes(text[..(colon + 1)] + values[random.Next(values.Length)] + text[end..]);
            case 5 or 6:
                // Replace a name with another (often a known one: a duplicate, an alias, a field out of place).
                var quote = text.IndexOf("\":", at, StringComparison.Ordinal);
                if (quote < 0)
                {
                    return body;
                }

                var open = text.LastIndexOf('"', quote - 1);
                return Encoding.UTF8.GetBytes(text[..(open + 1)] + names[random.Next(names.Length)] + text[quote..]);
            default:
                // Repeat a property of an event or of its features.
                var start = text.IndexOf(",\"", at, StringComparison.Ordinal);
                if (start < 0)
                {
                    return body;
                }

                var stop = text.IndexOfAny([',', '}'], start + 1);
                return stop < 0 ? body : Encoding.UTF8.GetBytes(text[..stop] + text[start..stop] + text[stop..]);
        }
    }
}
