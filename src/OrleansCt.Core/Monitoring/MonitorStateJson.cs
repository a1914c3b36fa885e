using System.Text.Json;
using System.Text.Json.Serialization;

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

    public static MonitorState Read(byte[] json) =>
        JsonSerializer.Deserialize<MonitorState>(json, Options) ?? throw new InvalidDataException("The monitor checkpoint is empty.");
}
