using System.Globalization;
using OrleansCt.Core.Events;
using OrleansCt.Core.Schema;
using OrleansCt.Core.Validation;

namespace OrleansCt.Core.SchemaInference;

/// <summary>
/// Reads reference rows (a CSV's columns) into a batch in the model's columns, label included when the target column is
/// there, and event times from a "time" column when there is one (NaN otherwise: the rows carry no time).
/// </summary>
public static class ReferenceBatch
{
    /// <summary>Errors this many at most are reported; the rest are counted in the last message.</summary>
    public const int MaxErrors = 20;

    /// <summary>The column that gives the rows' event times, as an event's "time" does.</summary>
    public const string TimeColumn = "time";

    public static ReadResult<EventBatch> Read(ReferenceColumns columns, ModelSchema schema)
    {
        var errors = new List<FieldError>();
        var rows = columns.Rows;
        var index = columns.Names.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);
        IReadOnlyList<string?>? Column(FeatureSpec spec)
        {
            foreach (var name in new[] { spec.Name }.Concat(spec.Aliases ?? []))
            {
                if (index.TryGetValue(name, out var at))
                {
                    return columns.Values[at];
                }
            }

            if (spec.Required)
            {
                errors.Add(new FieldError(spec.Name, "is a required feature, but the reference has no column of that name"));
            }

            return null;
        }

        var numeric = schema.Numeric.Select(spec =>
        {
            var values = Column(spec);
            var column = new double[rows];
            for (var r = 0; r < rows; r++)
            {
                var text = values?[r];
                column[r] = SchemaInferrer.IsMissing(text) ? double.NaN
                    : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x) ? x
                    : Error(errors, spec.Name, r, $"'{text}' is not a finite number");
            }

            return column;
        }).ToArray();
        var categorical = schema.Categorical.Select(spec =>
        {
            var values = Column(spec);
            return Enumerable.Range(0, rows).Select(r => SchemaInferrer.IsMissing(values?[r]) ? null : values![r]).ToArray();
        }).ToArray();
        var labels = index.TryGetValue(schema.Definition.Target, out var target) ? Labels(columns.Values[target], schema, errors) : null;
        var times = index.TryGetValue(TimeColumn, out var time) && !schema.Definition.Features.Any(f => f.Name == TimeColumn)
            ? Times(columns.Values[time], errors)
            : Enumerable.Repeat(double.NaN, rows).ToArray();
        if (rows == 0)
        {
            errors.Add(new FieldError("body", "the reference has no rows"));
        }

        if (errors.Count > MaxErrors)
        {
            errors = [.. errors.Take(MaxErrors), new FieldError("body", $"and {errors.Count - MaxErrors} more errors")];
        }

        var batch = new EventBatch
        {
            Ids = Enumerable.Range(0, rows).Select(r => $"reference-{r}").ToArray(),
            Times = times,
            Numeric = numeric,
            Categorical = categorical,
            Labels = labels,
        };
        return errors.Count > 0 ? new ReadResult<EventBatch>(null, errors) : new ReadResult<EventBatch>(batch, []);
    }

    private static double[] Times(IReadOnlyList<string?> values, List<FieldError> errors)
    {
        var times = new double[values.Count];
        for (var r = 0; r < values.Count; r++)
        {
            var text = values[r];
            times[r] = SchemaInferrer.IsMissing(text) ? double.NaN
                : EventTimeText.TryRead(text, out var seconds) ? seconds
                : Error(errors, TimeColumn, r, $"'{text}' is not a time; give seconds or an ISO 8601 timestamp");
        }

        return times;
    }

    private static double[] Labels(IReadOnlyList<string?> values, ModelSchema schema, List<FieldError> errors)
    {
        var target = schema.Definition.Target;
        var labels = new double[values.Count];
        for (var r = 0; r < values.Count; r++)
        {
            var text = values[r];
            labels[r] = SchemaInferrer.IsMissing(text) ? double.NaN
                : schema.IsClassification ? (schema.ClassIndex.TryGetValue(text!, out var k) ? k : Error(errors, target, r, $"'{text}' is not one of the classes [{string.Join(", ", schema.Definition.Classes)}]"))
                : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var y) && double.IsFinite(y) ? y
                : Error(errors, target, r, $"'{text}' is not a finite number");
        }

        return labels;
    }

    // Line numbers count the header as line 1.
    private static double Error(List<FieldError> errors, string column, int row, string problem)
    {
        errors.Add(new FieldError(column, $"line {row + 2}: {problem}"));
        return double.NaN;
    }
}
