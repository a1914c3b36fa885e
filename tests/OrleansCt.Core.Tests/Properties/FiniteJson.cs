using System.Text.Json;

namespace OrleansCt.Core.Tests.Properties;

/// <summary>Checks that an HTTP answer holds only finite numbers and that a statistic it leaves out is flagged.</summary>
internal static class FiniteJson
{
    /// <summary>Every number in the JSON parses as a finite double.</summary>
    public static void Check(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        Walk(document.RootElement, "$");
    }

    /// <summary>A numeric feature with values but no mean or std names the missing statistic in its outOfRange list.</summary>
    public static void CheckFlagged(StatsResponse stats)
    {
        foreach (var (name, feature) in stats.Features)
        {
            if (feature.Type == "numeric" && feature.Count > 0)
            {
                Assert.True(feature.Mean is not null || (feature.OutOfRange?.Contains("mean") ?? false), $"{name}: mean left out without a flag");
                Assert.True(feature.Std is not null || (feature.OutOfRange?.Contains("std") ?? false), $"{name}: std left out without a flag");
            }
        }
    }

    private static void Walk(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, $"{path}.{property.Name}");
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, $"{path}[{i++}]");
                }

                break;
            case JsonValueKind.Number:
                Assert.True(element.TryGetDouble(out var value) && double.IsFinite(value), $"{path} = {element.GetRawText()} is not a finite double");
                break;
        }
    }
}
