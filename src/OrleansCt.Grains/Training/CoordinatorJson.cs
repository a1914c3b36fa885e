using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansCt.Grains.Training;

/// <summary>The retrain records as UTF-8 JSON: readable across versions, doubles round-trip.</summary>
internal static class CoordinatorJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static byte[] Write(List<RetrainRecord> records) => JsonSerializer.SerializeToUtf8Bytes(records, Options);

    public static List<RetrainRecord> Read(byte[]? json) =>
        json is null ? [] : JsonSerializer.Deserialize<List<RetrainRecord>>(json, Options) ?? [];
}
