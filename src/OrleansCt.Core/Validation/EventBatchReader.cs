using System.Globalization;
using System.Text.Json;
using OrleansCt.Core.Events;
using OrleansCt.Core.Schema;

namespace OrleansCt.Core.Validation;

/// <summary>
/// Reads {"events": [{"id", "time", "features", "label"}]} into a columnar batch, checking every event against
/// the schema. Any error rejects the whole batch; each error names the event index and field.
/// </summary>
public static class EventBatchReader
{
    public static ReadOutcome<EventBatch> Read(ReadOnlyMemory<byte> json, ModelSchema schema, BatchKind kind, double arrivalSeconds)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            return new ReadOutcome<EventBatch>(null, [new FieldError("body", $"is not valid JSON: {e.Message}")]);
        }

        using (document)
        {
            return Read(document.RootElement, schema, kind, arrivalSeconds);
        }
    }

    public static ReadOutcome<EventBatch> Read(JsonElement root, ModelSchema schema, BatchKind kind, double arrivalSeconds)
    {
        if (!RequestShape.TryGetArray(root, "events", out var events, out var shapeError))
        {
            return new ReadOutcome<EventBatch>(null, [shapeError!]);
        }

        var count = events.GetArrayLength();
        if (count == 0 || count > BatchLimits.MaxEvents)
        {
            var error = new FieldError("events", $"holds {count} events; a batch holds 1 to {BatchLimits.MaxEvents}");
            return new ReadOutcome<EventBatch>(null, [error], TooLarge: count > BatchLimits.MaxEvents);
        }

        var columns = new BatchColumns(schema, count, kind == BatchKind.Events);
        var errors = new ErrorList();
        var index = 0;
        foreach (var element in events.EnumerateArray())
        {
            ReadEvent(element, index++, schema, kind, arrivalSeconds, columns, errors);
        }

        return errors.Count > 0
            ? new ReadOutcome<EventBatch>(null, errors.ToList())
            : new ReadOutcome<EventBatch>(columns.ToBatch(), []);
    }

    private static void ReadEvent(JsonElement element, int index, ModelSchema schema, BatchKind kind, double arrival, BatchColumns columns, ErrorList errors)
    {
        var at = $"events[{index}]";
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(at, "must be an object with id, features and optionally time");
            return;
        }

        columns.Times[index] = arrival;
        var (sawId, sawFeatures) = (false, false);
        foreach (var property in element.EnumerateObject())
        {
            switch (property.Name)
            {
                case "id":
                    sawId = true;
                    columns.ReadId(property.Value, index, at, errors);
                    break;
                case "time":
                    if (property.Value.ValueKind == JsonValueKind.Null)
                    {
                        break;
                    }

                    if (EventTime.TryRead(property.Value, out var seconds, out var problem))
                    {
                        columns.Times[index] = seconds;
                    }
                    else
                    {
                        errors.Add($"{at}.time", problem!);
                    }

                    break;
                case "features":
                    sawFeatures = true;
                    ReadFeatures(property.Value, index, at, schema, columns, errors);
                    break;
                case "label" when kind == BatchKind.Events:
                    LabelValue.Read(property.Value, schema, $"{at}.label", columns.Labels!, index, errors, allowNull: true);
                    break;
                case "label":
                    errors.Add($"{at}.label", "predict takes no labels: send labels to /labels, or events with labels to /events");
                    break;
                default:
                    errors.Add($"{at}.{property.Name}", "is not a field of an event (id, time, features" + (kind == BatchKind.Events ? ", label)" : ")"));
                    break;
            }
        }

        if (!sawId)
        {
            errors.Add($"{at}.id", "is required");
        }

        if (!sawFeatures)
        {
            errors.Add($"{at}.features", "is required");
        }
    }

    private static void ReadFeatures(JsonElement features, int index, string at, ModelSchema schema, BatchColumns columns, ErrorList errors)
    {
        if (features.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{at}.features", "must be an object of feature name to value");
            return;
        }

        foreach (var property in features.EnumerateObject())
        {
            var field = $"{at}.features.{property.Name}";
            if (!schema.TryFind(property.Name, out var type, out var column))
            {
                errors.Add(field, "is not a feature of this model");
                continue;
            }

            var value = property.Value;
            if (type == FeatureType.Numeric)
            {
                ReadNumber(value, field, columns.Numeric[column], index, errors);
            }
            else
            {
                ReadCategory(value, field, columns.Categorical[column], index, errors);
            }
        }

        for (var c = 0; c < schema.Numeric.Count; c++)
        {
            if (schema.Numeric[c].Required && double.IsNaN(columns.Numeric[c][index]) && !Has(features, schema.Numeric[c].Name))
            {
                errors.Add($"{at}.features.{schema.Numeric[c].Name}", "is required");
            }
        }

        for (var c = 0; c < schema.Categorical.Count; c++)
        {
            if (schema.Categorical[c].Required && columns.Categorical[c][index] is null && !Has(features, schema.Categorical[c].Name))
            {
                errors.Add($"{at}.features.{schema.Categorical[c].Name}", "is required");
            }
        }
    }

    private static bool Has(JsonElement features, string name) =>
        features.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    private static void ReadNumber(JsonElement value, string field, double[] column, int index, ErrorList errors)
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

    private static void ReadCategory(JsonElement value, string field, string?[] column, int index, ErrorList errors)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
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
