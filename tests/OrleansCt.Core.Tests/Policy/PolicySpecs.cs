using System.Text.Json;

namespace OrleansCt.Core.Tests.Policy;

/// <summary>Policy bodies read as the HTTP endpoint reads them.</summary>
internal static class PolicySpecs
{
    public static PolicySpec Read(string json) => JsonSerializer.Deserialize<PolicySpec>(json, JsonDefaults.Options)!;

    public static string Write(PolicySpec spec) => JsonSerializer.Serialize(spec, JsonDefaults.Options);
}
