using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansCt.Grains.Training;

/// <summary>The coordinator's book as UTF-8 JSON: readable across versions (the first build stored the records alone), doubles round-trip.</summary>
internal static class CoordinatorJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static byte[] Write(CoordinatorBook book) => JsonSerializer.SerializeToUtf8Bytes(book, Options);

    public static CoordinatorBook Read(byte[]? json) => json switch
    {
        null => new CoordinatorBook(),
        [(byte)'[', ..] => new CoordinatorBook { Records = JsonSerializer.Deserialize<List<RetrainRecord>>(json, Options) ?? [] },
        _ => JsonSerializer.Deserialize<CoordinatorBook>(json, Options) ?? new CoordinatorBook(),
    };
}
