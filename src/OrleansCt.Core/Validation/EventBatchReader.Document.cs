using System.Globalization;
using System.Text.Json;
using OrleansCt.Core.Events;
using OrleansCt.Core.Schema;

namespace OrleansCt.Core.Validation;

public static partial class EventBatchReader
{
    /// <summary>
    /// The reference reader: parses the body into a JsonDocument and looks each field up. <see cref="Read(ReadOnlyMemory{byte}, ModelSchema, BatchKind, double)"/>
    /// answers through it whenever its streaming pass finds anything but a plain valid batch, so errors (fields, messages,
    /// order) and every unusual input come out of this code.
    /// </summary>
    internal static ReadResult<EventBatch> ReadWithDocument(ReadOnlyMemory<byte> json, ModelSchema schema, BatchKind kind, double arrivalSeconds)
    {
        if (JsonPreflight.Check(json.Span) is { } refused)
        {
            return new ReadResult<EventBatch>(null, [refused]);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            return new ReadResult<EventBatch>(null, [new FieldError("body", $"is not valid JSON: {e.Message}")]);
        }

        using (document)
        {
            return Read(document.RootElement, schema, kind, arrivalSeconds);
        }
    }

    public static ReadResult<EventBatch> Read(JsonElement root, ModelSchema schema, BatchKind kind, double arrivalSeconds)
    {
        if (!RequestShape.TryGetArray(root, "events", out var events, out var shapeError))
        {
            return new ReadResult<EventBatch>(null, [shapeError!]);
        }

        var count = events.GetArrayLength();
        if (count == 0 || count > BatchLimits.MaxEvents)
        {
            var error = new FieldError("events", $"holds {count} events; a batch holds 1 to {BatchLimits.MaxEvents}");
            return new ReadResult<EventBatch>(null, [error], TooLarge: count > BatchLimits.MaxEvents);
        }

        var columns = new BatchColumns(schema, count, kind == BatchKind.Events);
        var errors = new ErrorList();
        var index = 0;
        foreach (var element in events.EnumerateArray())
        {
            ReadEvent(element, index++, schema, kind, arrivalSeconds, columns, errors);
        }

        return errors.Count > 0
            ? new ReadResult<EventBatch>(null, errors.ToList())
            : new ReadResult<EventBatch>(columns.ToBatch(), []);
    }

    private static void ReadEvent(JsonElement element, int index, ModelSchema schema, BatchKind kind, double arrival, BatchColumns columns, ErrorList errors)
    {
        var at = new FieldPath("events", index);
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(at, "must be an object with id, features and optionally time");
            return;
        }

        columns.Times[index] = arrival;
        var (sawId, sawFeatures) = (false, false);
        foreach (var property in element.EnumerateObject())
        {
            var value = property.Value;
            if (property.NameEquals("id"u8))
            {
                sawId = true;
                columns.ReadId(value, index, at, errors);
            }
            else if (property.NameEquals("time"u8))
            {
                ReadTime(value, index, at, columns, errors);
            }
            else if (property.NameEquals("features"u8))
            {
                sawFeatures = true;
                ReadFeatures(value, index, at, schema, columns, errors);
            }
            else if (property.NameEquals("label"u8) && kind == BatchKind.Events)
            {
                LabelValue.Read(value, schema, at.With("label"), columns.Labels!, index, errors, allowNull: true);
            }
            else if (property.NameEquals("label"u8))
            {
                errors.Add(at.With("label"), "predict takes no labels: send labels to /labels, or events with labels to /events");
            }
            else
            {
                errors.Add(at.With(property.Name), "is not a field of an event (id, time, features" + (kind == BatchKind.Events ? ", label)" : ")"));
            }
        }

        if (!sawId)
        {
            errors.Add(at.With("id"), "is required");
        }

        if (!sawFeatures)
        {
            errors.Add(at.With("features"), "is required");
        }
    }

    private static void ReadTime(JsonElement value, int index, FieldPath at, BatchColumns columns, ErrorList errors)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (EventTime.TryRead(value, out var seconds, out var problem))
        {
            columns.Times[index] = seconds;
        }
        else
        {
            errors.Add(at.With("time"), problem!);
        }
    }

    /// <summary>
    /// Looks each schema feature up by its UTF-8 name (no string is allocated for a valid event), then, only when the
    /// object holds more properties than it matched, finds and reports the unknown ones.
    /// </summary>
    private static void ReadFeatures(JsonElement features, int index, FieldPath at, ModelSchema schema, BatchColumns columns, ErrorList errors)
    {
        if (features.ValueKind != JsonValueKind.Object)
        {
            errors.Add(at.With("features"), "must be an object of feature name to value");
            return;
        }

        var matched = 0;
        for (var c = 0; c < schema.Numeric.Count; c++)
        {
            var spec = schema.Numeric[c];
            var found = Find(features, schema.NumericUtf8[c], schema.NumericAliasesUtf8[c], out var value, ref matched);
            if (found && value.ValueKind != JsonValueKind.Null)
            {
                ReadNumber(value, at.With("features", spec.Name), columns.Numeric[c], index, errors);
                if (schema.RejectsViolations && OutOfRange(spec, columns.Numeric[c][index]) is { } problem)
                {
                    errors.Add(at.With("features", spec.Name), problem);
                }
            }
            else if (spec.Required && !schema.CountsSchemaChanges)
            {
                errors.Add(at.With("features", spec.Name), "is required");
            }
        }

        for (var c = 0; c < schema.Categorical.Count; c++)
        {
            var spec = schema.Categorical[c];
            var found = Find(features, schema.CategoricalUtf8[c], schema.CategoricalAliasesUtf8[c], out var value, ref matched);
            if (found && value.ValueKind != JsonValueKind.Null)
            {
                ReadCategory(value, at.With("features", spec.Name), columns.Categorical[c], index, errors);
                if (schema.RejectsViolations && columns.Categorical[c][index] is { } category && schema.CategorySets[c] is { } known && !known.Contains(category))
                {
                    errors.Add(at.With("features", spec.Name), $"'{category}' is not one of the categories [{string.Join(", ", spec.Categories!)}]");
                }
            }
            else if (spec.Required && !schema.CountsSchemaChanges)
            {
                errors.Add(at.With("features", spec.Name), "is required");
            }
        }

        if (features.GetPropertyCount() > matched)
        {
            foreach (var property in features.EnumerateObject())
            {
                if (!schema.TryFind(property.Name, out var type, out var column))
                {
                    if (schema.CountsSchemaChanges && property.Name.Length > BatchLimits.MaxFeatureNameLength)
                    {
                        errors.Add(at.With("features", property.Name[..BatchLimits.MaxFeatureNameLength] + "…"), $"is not a feature of this model, and too long to count as a new one: a name is at most {BatchLimits.MaxFeatureNameLength} characters");
                    }
                    else if (schema.CountsSchemaChanges)
                    {
                        columns.CountNewFeature(property.Name);
                    }
                    else
                    {
                        errors.Add(at.With("features", property.Name), "is not a feature of this model");
                    }
                }
                else if ((type == FeatureType.Numeric ? schema.Numeric[column] : schema.Categorical[column]) is var spec && property.Name != spec.Name && Given(features, spec) > 1)
                {
                    errors.Add(at.With("features", property.Name), "is given twice, under the feature's name and an alias (or two aliases); send it once");
                }
            }
        }
    }

    /// <summary>Looks a feature up by its name, then by its aliases (a rename upstream); counts what matched.</summary>
    private static bool Find(JsonElement features, byte[] name, byte[][] aliases, out JsonElement value, ref int matched)
    {
        var found = features.TryGetProperty(name, out value);
        for (var a = 0; a < aliases.Length && !found; a++)
        {
            found = features.TryGetProperty(aliases[a], out value);
        }

        // One per feature: a feature given under two names leaves a property unmatched, and the scan reports it.
        matched += found ? 1 : 0;
        return found;
    }

    private static int Given(JsonElement features, FeatureSpec spec) =>
        new[] { spec.Name }.Concat(spec.Aliases ?? []).Count(n => features.TryGetProperty(n, out _));

    private static string? OutOfRange(FeatureSpec spec, double value) =>
        value < spec.Min ? $"{value.ToString(System.Globalization.CultureInfo.InvariantCulture)} is below min {spec.Min.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}"
        : value > spec.Max ? $"{value.ToString(System.Globalization.CultureInfo.InvariantCulture)} is above max {spec.Max.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}"
        : null;

    private static void ReadNumber(JsonElement value, FieldPath field, double[] column, int index, ErrorList errors)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                break;
            case JsonValueKind.Number when value.TryGetDouble(out var number) && double.IsFinite(number):
                column[index] = number;
                break;
            case JsonValueKind.Number:
                errors.Add(field, "must be a finite number");
                break;
            default:
                errors.Add(field, $"must be a number, not {Describe(value)}");
                break;
        }
    }

    private static void ReadCategory(JsonElement value, FieldPath field, string?[] column, int index, ErrorList errors)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                break;
            case JsonValueKind.String when value.GetString() is { Length: > BatchLimits.MaxCategoryLength } tooLong:
                errors.Add(field, $"is {tooLong.Length} characters long; a category is at most {BatchLimits.MaxCategoryLength}");
                break;
            case JsonValueKind.String:
                column[index] = value.GetString();
                break;
            case JsonValueKind.Number when value.TryGetInt64(out var whole):
                // Categories that look like integers (a day of the week) are often sent as numbers.
                column[index] = whole.ToString(CultureInfo.InvariantCulture);
                break;
            default:
                errors.Add(field, $"must be a string (a category), not {Describe(value)}");
                break;
        }
    }

    internal static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };
}
