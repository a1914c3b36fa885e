using System.Globalization;
using System.Text.Json;

namespace OrleansCt.Testing;

/// <summary>Finds a number in a JSON answer that is not a finite double, for tests that every answer's numbers are finite.</summary>
public static class JsonNumbers
{
    /// <summary>The path and text of the first number that does not parse as a finite double, or null when all do.</summary>
    public static string? FirstNonFinite(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (FirstNonFinite(property.Value, $"{path}.{property.Name}") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FirstNonFinite(item, string.Create(CultureInfo.InvariantCulture, $"{path}[{i++}]")) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Number:
                return element.TryGetDouble(out var value) && double.IsFinite(value) ? null : $"{path} = {element.GetRawText()}";
            default:
                return null;
        }
    }
}
