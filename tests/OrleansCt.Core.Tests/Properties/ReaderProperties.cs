using System.Globalization;
using System.Text;
using CsCheck;
using OrleansCt.Core.Schema;
using OrleansCt.Core.SchemaInference;
using OrleansCt.Core.Validation;

namespace OrleansCt.Core.Tests.Properties;

/// <summary>The JSON batch readers and the CSV reader on extreme numbers and mangled bodies: a refusal names its field, an acceptance holds only finite numbers or missing values.</summary>
public sealed class ReaderProperties
{
    private static readonly ModelSchema Schema = new(new ModelDefinition
    {
        Task = ModelTask.Regression,
        Target = "y",
        Features = [new FeatureSpec { Name = "x", Type = FeatureType.Numeric }, new FeatureSpec { Name = "c", Type = FeatureType.Categorical, Required = false }],
    });

    // Number texts a client might send: the issue's examples, beyond a double, denormals, −0, any double's round-trip text, and near-numbers.
    private static readonly Gen<string> NumberText = Gen.Frequency(
        (4, ExtremeDoubles.Finite.Select(d => d.ToString("R", CultureInfo.InvariantCulture))),
        (2, Gen.OneOf("1e155", "-1.7e308", "1.7976931348623157e308", "1e400", "-1e400", "4.9e-324", "1e-400", "-0", "0.0e0", "1E+308")),
        (1, Gen.OneOf("\"1\"", "NaN", "\"NaN\"", "Infinity", "null", "true", "[1]", "{}", "1e", "--1", "0x10", "1_000")));

    private static Gen<string> Body(string idKey, Func<string, string, string> item) =>
        from texts in NumberText.Array[1, 8]
        from cut in Gen.Int[0, 3]
        let events = string.Join(",", texts.Select((t, i) => item($"{idKey}{i}", t)))
        let body = $"{{\"{(idKey == "e" ? "events" : "labels")}\": [{events}]}}"
        select cut == 0 ? body[..(body.Length / 2)] : body;

    private static void Refused(IReadOnlyList<FieldError> errors)
    {
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Field), $"an error without a field: {e.Message}"));
    }

    [Fact]
    public void Event_bodies_are_refused_naming_a_field_or_read_as_finite_values()
    {
        Body("e", (id, t) => $"{{\"id\": \"{id}\", \"features\": {{\"x\": {t}, \"c\": \"a\"}}, \"label\": {t}}}").Sample(body =>
        {
            var result = EventBatchReader.Read(Encoding.UTF8.GetBytes(body), Schema, BatchKind.Events, 1_000);
            if (!result.Ok)
            {
                Assert.True(result.TooLarge || result.Errors.Count > 0);
                Refused(result.Errors);
                return;
            }

            Assert.All(result.Value!.Numeric[0], v => Assert.True(double.IsFinite(v) || double.IsNaN(v), $"x = {v}"));
            Assert.All(result.Value.Labels ?? [], v => Assert.True(double.IsFinite(v) || double.IsNaN(v), $"label = {v}"));
        }, seed: null, time: ExtremeDoubles.Seconds, threads: ExtremeDoubles.Threads);
    }

    [Fact]
    public void Label_bodies_are_refused_naming_a_field_or_read_as_finite_labels()
    {
        Body("l", (id, t) => $"{{\"id\": \"{id}\", \"label\": {t}}}").Sample(body =>
        {
            var result = LabelBatchReader.Read(Encoding.UTF8.GetBytes(body), Schema);
            if (!result.Ok)
            {
                Refused(result.Errors);
                return;
            }

            Assert.All(result.Value!.Labels, v => Assert.True(double.IsFinite(v), $"label = {v}"));
        }, seed: null, time: ExtremeDoubles.Seconds, threads: ExtremeDoubles.Threads);
    }

    [Fact]
    public void A_csv_is_read_or_refused_with_a_reference_format_error()
    {
        var csv = from rows in NumberText.Array[1, 6]
                  from quote in Gen.Bool
                  select "x,c\n" + string.Join("\n", rows.Select(t => quote ? $"\"{t}\",a" : $"{t.Replace(",", ";", StringComparison.Ordinal)},a"));
        csv.Sample(text =>
        {
            try
            {
                var columns = ReferenceColumns.ReadCsv(new StringReader(text));
                Assert.Equal(2, columns.Names.Count);
            }
            catch (ReferenceFormatException e)
            {
                Assert.False(string.IsNullOrWhiteSpace(e.Message));
            }
        }, seed: null, time: ExtremeDoubles.Seconds, threads: ExtremeDoubles.Threads);
    }
}
