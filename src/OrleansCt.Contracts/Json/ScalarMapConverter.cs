using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansCt.Contracts;

/// <summary>Reads an object of numbers, booleans or strings as a map of their JSON text (so {"delta": 0.002} works), and writes it back the same way.</summary>
public sealed class ScalarMapConverter : JsonConverter<IReadOnlyDictionary<string, string>>
{
    public override IReadOnlyDictionary<string, string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("parameters must be an object of names to numbers, booleans or strings");
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            reader.Read();
            map[name] = reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString()!,
                JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
                JsonTokenType.True => "true",
                JsonTokenType.False => "false",
                _ => throw new JsonException($"parameter '{name}' must be a number, a boolean or a string"),
            };
        }

        return map;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, string> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (name, text) in value)
        {
            if (double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
            {
                writer.WritePropertyName(name);
                writer.WriteRawValue(text);
            }
            else if (text is "true" or "false")
            {
                writer.WriteBoolean(name, text == "true");
            }
            else
            {
                writer.WriteString(name, text);
            }
        }

        writer.WriteEndObject();
    }
}
