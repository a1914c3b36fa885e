using System.Globalization;
using System.Text;
using OrleansCt.Core.Events;
using OrleansCt.Core.Schema;
using OrleansCt.Core.Validation;

namespace OrleansCt.Core.Tests.Validation;

/// <summary>
/// The columnar batch check against the JSON reader, its independent twin: the same events sent both ways must give the same
/// batch bit for bit, and the same bad value the same field and message.
/// </summary>
public sealed class BatchValidatorTests
{
    private static readonly ModelDefinition Definition = new()
    {
        Task = ModelTask.Binary,
        Target = "class",
        Classes = ["DOWN", "UP"],
        Features =
        [
            new FeatureSpec { Name = "price", Type = FeatureType.Numeric, Min = 0, Max = 1 },
            new FeatureSpec { Name = "load", Type = FeatureType.Numeric, Required = false },
            new FeatureSpec { Name = "day", Type = FeatureType.Categorical, Categories = ["1", "2", "3"] },
        ],
    };

    private static readonly ModelSchema Counting = new(Definition);

    private static readonly ModelSchema Rejecting = new(Definition with { Validation = new ValidationSpec { OnViolation = "reject" } });

    private const double Arrival = 1_700_000_000.5;

    private static EventBatch Columns(double[] price, double[] load, string?[] day, double[]? labels = null, double[]? times = null, string[]? ids = null) => new()
    {
        Ids = ids ?? price.Select((_, i) => $"e{i}").ToArray(),
        Times = times ?? price.Select((_, i) => 1_000.0 + i).ToArray(),
        Numeric = [price, load],
        Categorical = [day],
        Labels = labels,
    };

    private static string Json(EventBatch batch)
    {
        var events = new StringBuilder("{\"events\": [");
        for (var row = 0; row < batch.Count; row++)
        {
            var features = new List<string>();
            if (!double.IsNaN(batch.Numeric[0][row]))
            {
                features.Add($"\"price\": {Number(batch.Numeric[0][row])}");
            }

            if (!double.IsNaN(batch.Numeric[1][row]))
            {
                features.Add($"\"load\": {Number(batch.Numeric[1][row])}");
            }

            if (batch.Categorical[0][row] is { } day)
            {
                features.Add($"\"day\": \"{day}\"");
            }

            var time = double.IsNaN(batch.Times[row]) ? "" : $", \"time\": {Number(batch.Times[row])}";
            var label = batch.Labels is { } labels && !double.IsNaN(labels[row]) ? $", \"label\": \"{Definition.Classes[(int)labels[row]]}\"" : "";
            events.Append(row == 0 ? "" : ",").Append($"{{\"id\": \"{batch.Ids[row]}\"{time}, \"features\": {{{string.Join(", ", features)}}}{label}}}");
        }

        return events.Append("]}").ToString();

        static string Number(double x) => x.ToString("R", CultureInfo.InvariantCulture);
    }

    private static ReadResult<EventBatch> FromJson(EventBatch batch, ModelSchema schema, BatchKind kind) =>
        EventBatchReader.Read(Encoding.UTF8.GetBytes(Json(batch)), schema, kind, Arrival);

    [Fact]
    public void A_valid_batch_is_what_the_json_reader_makes_of_the_same_events()
    {
        var random = new Random(3);
        var n = 500;
        var batch = Columns(
            Enumerable.Range(0, n).Select(_ => Math.Round(random.NextDouble(), 6)).ToArray(),
            Enumerable.Range(0, n).Select(i => i % 7 == 0 ? double.NaN : (random.NextDouble() * 200) - 100).ToArray(),
            Enumerable.Range(0, n).Select(i => (1 + (i % 3)).ToString(CultureInfo.InvariantCulture)).ToArray(),
            Enumerable.Range(0, n).Select(i => i % 5 == 0 ? double.NaN : i % 2).ToArray(),
            Enumerable.Range(0, n).Select(i => i % 11 == 0 ? double.NaN : 1_000 + i).ToArray());

        var columns = BatchValidator.Validate(batch, Counting, BatchKind.Events, Arrival);
        var json = FromJson(batch, Counting, BatchKind.Events);

        Assert.True(columns.Ok, string.Join("; ", columns.Errors));
        Assert.True(json.Ok);
        Assert.Equal(json.Value!.Ids, columns.Value!.Ids);
        Assert.Equal(Bits(json.Value.Times), Bits(columns.Value.Times));
        Assert.Equal(json.Value.Numeric.Select(Bits), columns.Value.Numeric.Select(Bits));
        Assert.Equal(json.Value.Categorical, columns.Value.Categorical);
        Assert.Equal(Bits(json.Value.Labels!), Bits(columns.Value.Labels!));
        Assert.Equal(Arrival, columns.Value.Times[0]);

        // The caller's columns are not written: the missing times were filled in a copy.
        Assert.True(double.IsNaN(batch.Times[0]));
    }

    [Theory]
    [InlineData("reject", 0, 1.5, "price")]
    [InlineData("reject", 1, -0.25, "price")]
    [InlineData("reject", 2, double.NaN, "price")]
    [InlineData("count", 2, double.NaN, "price")]
    [InlineData("count", 3, double.PositiveInfinity, "load")]
    public void A_bad_value_has_the_field_and_message_the_json_reader_gives(string policy, int row, double value, string feature)
    {
        var schema = policy == "reject" ? Rejecting : Counting;
        var price = new[] { 0.1, 0.2, 0.3, 0.4 };
        var load = new[] { 1.0, 2.0, 3.0, 4.0 };
        (feature == "price" ? price : load)[row] = value;
        var batch = Columns(price, load, ["1", "2", "3", "1"]);

        var error = Assert.Single(BatchValidator.Validate(batch, schema, BatchKind.Predict, Arrival).Errors);

        // JSON has no infinity: a number too large to be a double reads as one ("1e999").
        var body = double.IsPositiveInfinity(value) ? Json(batch).Replace("\"load\": Infinity", "\"load\": 1e999") : Json(batch);
        var expected = Assert.Single(EventBatchReader.Read(Encoding.UTF8.GetBytes(body), schema, BatchKind.Predict, Arrival).Errors);
        Assert.Equal(expected, error);
        Assert.Equal($"events[{row}].features.{feature}", error.Field);
    }

    [Fact]
    public void An_unseen_category_a_missing_required_one_and_a_duplicate_id_are_named_as_by_the_json_reader()
    {
        var batch = Columns([0.1, 0.2, 0.3], [1, 2, 3], ["1", "9", null], ids: ["a", "b", "a"]);

        var errors = BatchValidator.Validate(batch, Rejecting, BatchKind.Predict, Arrival).Errors;
        var expected = FromJson(batch, Rejecting, BatchKind.Predict).Errors;

        Assert.Equal(expected.OrderBy(e => e.Field), errors.OrderBy(e => e.Field));
        Assert.Equal(["events[1].features.day", "events[2].features.day", "events[2].id"], errors.Select(e => e.Field).Order());
    }

    [Fact]
    public void Labels_must_be_class_indexes_and_only_come_with_events()
    {
        var batch = Columns([0.1, 0.2], [1, 2], ["1", "2"], labels: [1, 2]);

        var events = Assert.Single(BatchValidator.Validate(batch, Counting, BatchKind.Events, Arrival).Errors);
        var predict = Assert.Single(BatchValidator.Validate(batch with { Labels = [1, 0] }, Counting, BatchKind.Predict, Arrival).Errors);

        Assert.Equal(("events[1].label", "must be a class index from 0 to 1 ([DOWN, UP]), or NaN for none"), (events.Field, events.Message));
        Assert.Equal("events[*].label", predict.Field);
        Assert.StartsWith("predict takes no labels", predict.Message);
    }

    [Fact]
    public void Columns_that_do_not_fit_the_schema_or_the_count_are_one_error_and_an_empty_or_huge_batch_too()
    {
        var good = Columns([0.1, 0.2], [1, 2], ["1", "2"]);

        var missingColumn = BatchValidator.Validate(good with { Numeric = [good.Numeric[0]] }, Counting, BatchKind.Predict, Arrival);
        var shortColumn = BatchValidator.Validate(good with { Numeric = [good.Numeric[0], [1.0]] }, Counting, BatchKind.Predict, Arrival);
        var empty = BatchValidator.Validate(Columns([], [], []), Counting, BatchKind.Predict, Arrival);
        var huge = BatchValidator.Validate(Columns(new double[10_001], new double[10_001], new string?[10_001]), Counting, BatchKind.Predict, Arrival);

        Assert.Equal("events", Assert.Single(missingColumn.Errors).Field);
        Assert.Contains("price, load", missingColumn.Errors[0].Message);
        Assert.Equal(("events[*].features.load", "holds 1 values for 2 events"), (Assert.Single(shortColumn.Errors).Field, shortColumn.Errors[0].Message));
        Assert.Equal(("events", false), (Assert.Single(empty.Errors).Field, empty.TooLarge));
        Assert.True(huge.TooLarge);
    }

    private static long[] Bits(double[] values) => values.Select(BitConverter.DoubleToInt64Bits).ToArray();
}
