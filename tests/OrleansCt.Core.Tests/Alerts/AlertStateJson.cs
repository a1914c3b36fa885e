using System.Text.Json;
using OrleansCt.Core.Alerts;

namespace OrleansCt.Core.Tests.Alerts;

/// <summary>An alert book state through the project's JSON convention: one string compares whole states exactly.</summary>
internal static class AlertStateJson
{
    public static string Write(AlertBookState state) => JsonSerializer.Serialize(state, JsonDefaults.Options);

    public static AlertBookState Read(string json) => JsonSerializer.Deserialize<AlertBookState>(json, JsonDefaults.Options)!;
}
