using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansCt.Core.Drift.Windows;

/// <summary>
/// The wire and storage form of drift payloads (feeds, window states, profiles, observations): UTF-8 JSON that
/// round-trips doubles exactly, NaN and infinities by name. Grains pass these bytes rather than a dozen surrogates.
/// </summary>
public static class DriftJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static byte[] Write<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    public static T Read<T>(byte[] json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidDataException($"The {typeof(T).Name} payload is empty.");
}
