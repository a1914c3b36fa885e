using System.Text.Json;
using System.Text.Json.Serialization;
using OrleansCt.Core.Schema;

namespace OrleansCt.Core.Monitoring;

/// <summary>
/// Writes a monitor's state as UTF-8 JSON and reads it back bit for bit: .NET writes doubles in their shortest
/// round-trip form, and NaN and infinities are written by name.
/// </summary>
public static class MonitorStateJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static byte[] Write(MonitorState state) => JsonSerializer.SerializeToUtf8Bytes(state, Options);

    /// <summary>Reads a checkpoint of <paramref name="schema"/>'s monitor, in today's shape or in the flat shape of <see cref="MonitorStateV1"/>.</summary>
    public static MonitorState Read(byte[] json, ModelSchema schema)
    {
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(nameof(MonitorStateV1.Watermark), out _))
        {
            var legacy = document.RootElement.Deserialize<MonitorStateV1>(Options) ?? throw new InvalidDataException("The monitor checkpoint is empty.");
            return legacy.ToCurrent(new ModelMonitor(schema).ToState());
        }

        return document.RootElement.Deserialize<MonitorState>(Options) ?? throw new InvalidDataException("The monitor checkpoint is empty.");
    }
}
