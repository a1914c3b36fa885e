using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansCt.Core.Registry;

/// <summary>A registry's state as UTF-8 JSON (the registry grain's stored form): doubles round-trip, enums by name, so it reads across versions.</summary>
public static class RegistryStateJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public static byte[] Write(RegistryState state) => JsonSerializer.SerializeToUtf8Bytes(state, Options);

    public static RegistryState Read(byte[] json) =>
        JsonSerializer.Deserialize<RegistryState>(json, Options) ?? throw new InvalidDataException("The registry state is empty.");
}
