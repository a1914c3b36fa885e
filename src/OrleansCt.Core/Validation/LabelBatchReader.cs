using System.Text.Json;
using OrleansCt.Core.Labels;
using OrleansCt.Core.Schema;

namespace OrleansCt.Core.Validation;

/// <summary>Reads {"labels": [{"id", "label"}]}; any error rejects the whole batch.</summary>
public static class LabelBatchReader
{
    public static ReadResult<LabelBatch> Read(ReadOnlyMemory<byte> json, ModelSchema schema)
    {
        if (JsonPreflight.Check(json.Span) is { } refused)
        {
            return new ReadResult<LabelBatch>(null, [refused]);
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return Read(document.RootElement, schema);
        }
        catch (JsonException e)
        {
            return new ReadResult<LabelBatch>(null, [new FieldError("body", $"is not valid JSON: {e.Message}")]);
        }
    }

    public static ReadResult<LabelBatch> Read(JsonElement root, ModelSchema schema)
    {
        if (!RequestShape.TryGetArray(root, "labels", out var items, out var shapeError))
        {
            return new ReadResult<LabelBatch>(null, [shapeError!]);
        }

        var count = items.GetArrayLength();
        if (count == 0 || count > BatchLimits.MaxEvents)
        {
            var error = new FieldError("labels", $"holds {count} labels; a batch holds 1 to {BatchLimits.MaxEvents}");
            return new ReadResult<LabelBatch>(null, [error], TooLarge: count > BatchLimits.MaxEvents);
        }

        var ids = new string[count];
        var labels = new double[count];
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var errors = new ErrorList();
        var index = 0;
        foreach (var item in items.EnumerateArray())
        {
            ReadOne(item, index++, schema, ids, labels, seen, errors);
        }

        return errors.Count > 0
            ? new ReadResult<LabelBatch>(null, errors.ToList())
            : new ReadResult<LabelBatch>(new LabelBatch(ids, labels), []);
    }

    private static void ReadOne(JsonElement item, int index, ModelSchema schema, string[] ids, double[] labels, Dictionary<string, int> seen, ErrorList errors)
    {
        var at = new FieldPath("labels", index);
        if (item.ValueKind != JsonValueKind.Object)
        {
            errors.Add(at, "must be an object with id and label");
            return;
        }

        var (sawId, sawLabel) = (false, false);
        foreach (var property in item.EnumerateObject())
        {
            if (property.NameEquals("id"u8))
            {
                sawId = true;
                if (IdReader.TryRead(property.Value, at.With("id"), errors, out var id))
                {
                    if (seen.TryGetValue(id, out var first))
                    {
                        errors.Add(at.With("id"), $"'{id}' is also the id of label {first}; ids must be unique within a batch");
                    }

                    seen[id] = index;
                    ids[index] = id;
                }
            }
            else if (property.NameEquals("label"u8))
            {
                sawLabel = true;
                LabelValue.Read(property.Value, schema, at.With("label"), labels, index, errors, allowNull: false);
            }
            else
            {
                errors.Add(at.With(property.Name), "is not a field of a label (id, label)");
            }
        }

        if (!sawId)
        {
            errors.Add(at.With("id"), "is required");
        }

        if (!sawLabel)
        {
            errors.Add(at.With("label"), "is required");
        }
    }
}
