using System.Text.Json;

namespace OrleansCt.Core.Policy;

/// <summary>The names a policy's JSON gives its enums: the camelCase of each value, matched exactly.</summary>
internal static class PolicyNames
{
    public static string Of<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    public static bool TryParse<T>(string? name, out T value)
        where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (Of(candidate) == name)
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>"\"a\", \"b\" or \"c\"", for error messages.</summary>
    public static string List<T>()
        where T : struct, Enum => Join(Enum.GetValues<T>().Select(Of));

    public static string Join(IEnumerable<string> names)
    {
        var quoted = names.Select(n => $"\"{n}\"").ToList();
        return quoted.Count == 1 ? quoted[0] : $"{string.Join(", ", quoted[..^1])} or {quoted[^1]}";
    }
}
