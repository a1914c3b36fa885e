using System.Text.Json;

namespace OrleansCt.Hosting.Api;

/// <summary>The JSON options of every answer.</summary>
internal static class Json
{
    public static JsonSerializerOptions Options => JsonDefaults.Options;
}
