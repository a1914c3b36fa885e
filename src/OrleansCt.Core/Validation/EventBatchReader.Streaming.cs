using System.Globalization;
using System.Text.Json;
using OrleansCt.Core.Events;
using OrleansCt.Core.Schema;

namespace OrleansCt.Core.Validation;

public static partial class EventBatchReader
{
    /// <summary>An event's fields, as bits of a mask of those seen.</summary>
    private const int IdField = 1, TimeField = 2, FeaturesField = 4, LabelField = 8;

    /// <summary>
    /// Reads a plain valid batch in one pass of a Utf8JsonReader straight into columns: no document, no string for a
    /// name or a number. Returns null at the first thing it does not take as plain; the document reader then answers.
    /// It gives up on every error (bad JSON, a bad value, a missing field, too many events, ...) and on inputs whose
    /// outcome only the document reader's rules decide: a name given twice (an event field, a feature, or a feature under
    /// its name and an alias), an escaped name or label, a schema whose names it cannot match byte for byte.
    /// </summary>
    internal static ReadResult<EventBatch>? TryReadStreaming(ReadOnlySpan<byte> json, ModelSchema schema, BatchKind kind, double arrivalSeconds)
    {
        var compiled = StreamingSchema.Of(schema);
        if (!compiled.Usable)
        {
            return null;
        }

        var buffers = StreamingBuffers.Rent(compiled);
        try
        {
            var reader = new Utf8JsonReader(json);
            var count = ReadBody(ref reader, compiled, kind, arrivalSeconds, buffers);
            return count > 0 ? new ReadResult<EventBatch>(buffers.ToBatch(count, kind == BatchKind.Events), []) : null;
        }
        catch (JsonException)
        {
            // Not JSON: the document reader says where.
            return null;
        }
        catch (InvalidOperationException)
        {
            // A string that is not valid UTF-8: whatever the document reader makes of it is the answer.
            return null;
        }
        finally
        {
            StreamingBuffers.Return(buffers);
        }
    }

    /// <summary>The number of events read, or -1 to give up.</summary>
    private static int ReadBody(ref Utf8JsonReader reader, StreamingSchema schema, BatchKind kind, double arrival, StreamingBuffers buffers)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject
            || !reader.Read() || reader.TokenType != JsonTokenType.PropertyName || reader.ValueIsEscaped || !reader.ValueSpan.SequenceEqual("events"u8)
            || !reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            return -1;
        }

        var count = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            if (count == BatchLimits.MaxEvents || !ReadEvent(ref reader, count, schema, kind, arrival, buffers))
            {
                return -1;
            }

            count++;
        }

        // The array closes, then the body (a second property is an error or a second "events"), then nothing follows.
        if (reader.TokenType != JsonTokenType.EndArray || !reader.Read() || reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            return -1;
        }

        return count;
    }

    private static bool ReadEvent(ref Utf8JsonReader reader, int row, StreamingSchema schema, BatchKind kind, double arrival, StreamingBuffers buffers)
    {
        buffers.StartRow(row, arrival);
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueIsEscaped)
            {
                return false;
            }

            var name = reader.ValueSpan;
            var field = name.Length switch
            {
                2 when name.SequenceEqual("id"u8) => IdField,
                4 when name.SequenceEqual("time"u8) => TimeField,
                8 when name.SequenceEqual("features"u8) => FeaturesField,
                5 when name.SequenceEqual("label"u8) && kind == BatchKind.Events => LabelField,
                _ => 0,
            };
            if (field == 0 || (seen & field) != 0 || !reader.Read())
            {
                return false;
            }

            seen |= field;
            var ok = field switch
            {
                IdField => ReadId(ref reader, row, buffers),
                TimeField => ReadTime(ref reader, row, buffers),
                FeaturesField => ReadFeatures(ref reader, row, schema, buffers),
                _ => ReadLabel(ref reader, row, schema, buffers),
            };
            if (!ok)
            {
                return false;
            }
        }

        return reader.TokenType == JsonTokenType.EndObject && (seen & (IdField | FeaturesField)) == (IdField | FeaturesField);
    }

    private static bool ReadId(ref Utf8JsonReader reader, int row, StreamingBuffers buffers)
    {
        // A text past the preflight's limit goes to the document reader, whose preflight refuses it, without being copied here.
        if (reader.TokenType != JsonTokenType.String || reader.ValueSpan.Length > BatchLimits.MaxTextBytes)
        {
            return false;
        }

        var id = reader.GetString()!;
        return id.Length is > 0 and <= BatchLimits.MaxIdLength && buffers.AddId(row, id);
    }

    private static bool ReadTime(ref Utf8JsonReader reader, int row, StreamingBuffers buffers)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return true;
            case JsonTokenType.Number when TryReadNumber(ref reader, out var seconds) && EventTime.InRange(seconds):
                buffers.Times[row] = seconds;
                return true;
            case JsonTokenType.String when reader.ValueSpan.Length <= BatchLimits.MaxTextBytes && DateTimeOffset.TryParse(
                reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var stamp):
                // As EventTime.TryRead.
                buffers.Times[row] = stamp.ToUnixTimeMilliseconds() / 1000.0;
                return true;
            default:
                return false;
        }
    }

    private static bool ReadLabel(ref Utf8JsonReader reader, int row, StreamingSchema schema, StreamingBuffers buffers)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        double label;
        if (schema.IsClassification)
        {
            if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || schema.Class(reader.ValueSpan) is not (>= 0 and var k))
            {
                return false;
            }

            label = k;
        }
        else if (reader.TokenType != JsonTokenType.Number || !TryReadNumber(ref reader, out label))
        {
            return false;
        }

        buffers.Labels[row] = label;
        buffers.AnyLabel = true;
        return true;
    }

    /// <summary>
    /// Reads a features object property by property, each name matched to its feature; gives up on a feature seen twice,
    /// an unknown name (unless schema changes are counted), a bad value or violation, an absent required feature.
    /// </summary>
    private static bool ReadFeatures(ref Utf8JsonReader reader, int row, StreamingSchema schema, StreamingBuffers buffers)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var stamp = buffers.NextStamp();
        var entries = schema.Entries;
        var position = 0;
        var required = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueIsEscaped)
            {
                return false;
            }

            var match = schema.Match(reader.ValueSpan, position++);
            if (match < 0)
            {
                // A new feature's value is dropped unread; anything but a plain scalar goes to the document reader, whose
                // preflight refuses what no reader accepts anywhere (a name given twice, text that is not UTF-8, deep nesting).
                if (!schema.Counts || reader.ValueSpan.Length > BatchLimits.MaxFeatureNameLength || !buffers.CountNewFeature(reader.GetString()!) || !reader.Read()
                    || reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray
                    || (reader.TokenType == JsonTokenType.String && (reader.ValueIsEscaped || !System.Text.Unicode.Utf8.IsValid(reader.ValueSpan))))
                {
                    return false;
                }

                continue;
            }

            var entry = entries[match];
            if (!buffers.See(entry.Feature, stamp) || !reader.Read())
            {
                return false;
            }

            if (reader.TokenType == JsonTokenType.Null)
            {
                if (entry.Required && !schema.Counts)
                {
                    return false;
                }

                continue;
            }

            if (!(entry.Numeric ? ReadNumeric(ref reader, row, entry.Column, schema, buffers) : ReadCategory(ref reader, row, entry.Column, schema, buffers)))
            {
                return false;
            }

            required += entry.Required ? 1 : 0;
        }

        return reader.TokenType == JsonTokenType.EndObject && (schema.Counts || required == schema.RequiredCount);
    }

    private static bool ReadNumeric(ref Utf8JsonReader reader, int row, int column, StreamingSchema schema, StreamingBuffers buffers)
    {
        if (reader.TokenType != JsonTokenType.Number || !TryReadNumber(ref reader, out var value)
            || (schema.Rejects && (value < schema.Min[column] || value > schema.Max[column])))
        {
            return false;
        }

        buffers.Numeric[column][row] = value;
        return true;
    }

    private static bool ReadCategory(ref Utf8JsonReader reader, int row, int column, StreamingSchema schema, StreamingBuffers buffers)
    {
        string category;
        if (reader.TokenType == JsonTokenType.String)
        {
            if (reader.ValueSpan.Length > BatchLimits.MaxTextBytes)
            {
                return false;
            }

            category = (reader.ValueIsEscaped ? null : schema.KnownCategory(column, reader.ValueSpan)) ?? reader.GetString()!;
            if (category.Length > BatchLimits.MaxCategoryLength)
            {
                return false;
            }
        }
        else if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var whole))
        {
            // As the document reader: categories that look like integers are often sent as numbers.
            category = whole.ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            return false;
        }

        if (schema.Rejects && schema.CategorySets[column] is { } known && !known.Contains(category))
        {
            return false;
        }

        buffers.Categorical[column][row] = category;
        return true;
    }

    /// <summary>A finite number, parsed exactly as JsonElement.TryGetDouble parses it.</summary>
    private static bool TryReadNumber(ref Utf8JsonReader reader, out double value) =>
        (!reader.HasValueSequence && JsonDouble.TryParse(reader.ValueSpan, out value))
        || (reader.TryGetDouble(out value) && double.IsFinite(value));
}
