using System.Globalization;
using OrleansCt.Core.Events;
using OrleansCt.Core.Schema;

namespace OrleansCt.Core.Validation;

/// <summary>
/// Checks a batch that arrived in columns (from a .NET client over Orleans, not as JSON) against the schema, with the rules and
/// messages of <see cref="EventBatchReader"/>: ids of 1 to 256 characters, unique in the batch; a time that is a finite number of
/// seconds, or NaN for "the arrival time"; numeric values finite, or NaN for missing; required features present (unless schema
/// changes are counted); bounds and categories refused under <c>onViolation: "reject"</c>; labels a class index or value, or NaN,
/// and only with <see cref="BatchKind.Events"/>. Any error rejects the whole batch, naming the event and field.
/// </summary>
public static class BatchValidator
{
    /// <summary>The batch as it will be logged (missing times filled with <paramref name="arrivalSeconds"/>), or its errors.</summary>
    public static ReadResult<EventBatch> Validate(EventBatch batch, ModelSchema schema, BatchKind kind, double arrivalSeconds)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0 || batch.Count > BatchLimits.MaxEvents)
        {
            return new ReadResult<EventBatch>(null, [new FieldError("events", $"holds {batch.Count} events; a batch holds 1 to {BatchLimits.MaxEvents}")], TooLarge: batch.Count > BatchLimits.MaxEvents);
        }

        if (Shape(batch, schema, kind) is { } shape)
        {
            return new ReadResult<EventBatch>(null, [shape]);
        }

        var errors = new ErrorList();
        CheckIds(batch, errors);
        var times = CheckTimes(batch, arrivalSeconds, errors);
        for (var f = 0; f < batch.Numeric.Length; f++)
        {
            CheckNumeric(schema, schema.Numeric[f], batch.Numeric[f], errors);
        }

        for (var f = 0; f < batch.Categorical.Length; f++)
        {
            CheckCategorical(schema, f, batch.Categorical[f], errors);
        }

        if (batch.Labels is { } labels)
        {
            CheckLabels(schema, labels, errors);
        }

        return errors.Count > 0
            ? new ReadResult<EventBatch>(null, errors.ToList())
            : new ReadResult<EventBatch>(times == batch.Times ? batch : batch with { Times = times }, []);
    }

    /// <summary>Columns that do not fit the schema or the batch's count: one error, since nothing row by row would make sense.</summary>
    private static FieldError? Shape(EventBatch batch, ModelSchema schema, BatchKind kind)
    {
        if (batch.Numeric.Length != schema.Numeric.Count || batch.Categorical.Length != schema.Categorical.Count)
        {
            return new FieldError("events", $"has {batch.Numeric.Length} numeric and {batch.Categorical.Length} categorical columns; the model has {schema.Numeric.Count} ({string.Join(", ", schema.Numeric.Select(f => f.Name))}) and {schema.Categorical.Count} ({string.Join(", ", schema.Categorical.Select(f => f.Name))}), in that order");
        }

        var columns = batch.Numeric.Select((c, f) => (Name: schema.Numeric[f].Name, c?.Length))
            .Concat(batch.Categorical.Select((c, f) => (Name: schema.Categorical[f].Name, c?.Length)))
            .Append(("time", batch.Times?.Length));
        foreach (var (name, length) in columns)
        {
            if (length != batch.Count)
            {
                return new FieldError($"events[*].{(name == "time" ? name : $"features.{name}")}", $"holds {length?.ToString(CultureInfo.InvariantCulture) ?? "no"} values for {batch.Count} events");
            }
        }

        if (batch.Labels is { } labels && kind != BatchKind.Events)
        {
            return new FieldError("events[*].label", "predict takes no labels: send labels to /labels, or events with labels to /events");
        }

        return batch.Labels is { Length: var count } && count != batch.Count
            ? new FieldError("events[*].label", $"holds {count} values for {batch.Count} events")
            : null;
    }

    private static void CheckIds(EventBatch batch, ErrorList errors)
    {
        var first = new Dictionary<string, int>(batch.Count, StringComparer.Ordinal);
        for (var row = 0; row < batch.Count; row++)
        {
            var id = batch.Ids[row];
            if (string.IsNullOrEmpty(id) || id.Length > BatchLimits.MaxIdLength)
            {
                errors.Add(new FieldPath("events", row, "id"), id is null ? "is required" : $"must be 1 to {BatchLimits.MaxIdLength} characters long");
            }
            else if (!first.TryAdd(id, row))
            {
                errors.Add(new FieldPath("events", row, "id"), $"'{id}' is also the id of event {first[id]}; ids must be unique within a batch");
            }
        }
    }

    private static double[] CheckTimes(EventBatch batch, double arrival, ErrorList errors)
    {
        var times = batch.Times;
        for (var row = 0; row < times.Length; row++)
        {
            if (double.IsNaN(times[row]))
            {
                // Copied before the first change: the caller's arrays are never written.
                times = ReferenceEquals(times, batch.Times) ? (double[])times.Clone() : times;
                times[row] = arrival;
            }
            else if (!double.IsFinite(times[row]))
            {
                errors.Add(new FieldPath("events", row, "time"), "must be a finite number of seconds");
            }
        }

        return times;
    }

    private static void CheckNumeric(ModelSchema schema, FeatureSpec spec, double[] column, ErrorList errors)
    {
        var required = spec.Required && !schema.CountsSchemaChanges;
        var (min, max) = (spec.Min ?? double.NegativeInfinity, spec.Max ?? double.PositiveInfinity);
        for (var row = 0; row < column.Length; row++)
        {
            var x = column[row];
            if (x >= min && x <= max && double.IsFinite(x))
            {
                continue;
            }

            var at = new FieldPath("events", row, "features", spec.Name);
            if (double.IsNaN(x))
            {
                if (required)
                {
                    errors.Add(at, "is required");
                }
            }
            else if (!double.IsFinite(x))
            {
                errors.Add(at, "must be a finite number");
            }
            else if (schema.RejectsViolations)
            {
                errors.Add(at, x < min
                    ? $"{x.ToString(CultureInfo.InvariantCulture)} is below min {min.ToString(CultureInfo.InvariantCulture)}"
                    : $"{x.ToString(CultureInfo.InvariantCulture)} is above max {max.ToString(CultureInfo.InvariantCulture)}");
            }
        }
    }

    private static void CheckCategorical(ModelSchema schema, int f, string?[] column, ErrorList errors)
    {
        var spec = schema.Categorical[f];
        var required = spec.Required && !schema.CountsSchemaChanges;
        var known = schema.RejectsViolations ? schema.CategorySets[f] : null;
        for (var row = 0; row < column.Length; row++)
        {
            if (column[row] is not { } category)
            {
                if (required)
                {
                    errors.Add(new FieldPath("events", row, "features", spec.Name), "is required");
                }
            }
            else if (known is not null && !known.Contains(category))
            {
                errors.Add(new FieldPath("events", row, "features", spec.Name), $"'{category}' is not one of the categories [{string.Join(", ", spec.Categories!)}]");
            }
        }
    }

    private static void CheckLabels(ModelSchema schema, double[] labels, ErrorList errors)
    {
        var classes = schema.Definition.Classes.Count;
        for (var row = 0; row < labels.Length; row++)
        {
            var label = labels[row];
            if (double.IsNaN(label))
            {
                continue;
            }

            if (schema.IsClassification ? !(label >= 0 && label < classes && label == Math.Floor(label)) : !double.IsFinite(label))
            {
                errors.Add(new FieldPath("events", row, "label"), schema.IsClassification
                    ? $"must be a class index from 0 to {classes - 1} ([{string.Join(", ", schema.Definition.Classes)}]), or NaN for none"
                    : "must be a finite number, or NaN for none");
            }
        }
    }
}
