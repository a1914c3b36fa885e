using System.Text.Json;

namespace OrleansCt.Core.Tests.Properties;

/// <summary>Checks that an HTTP answer holds only finite numbers and that a statistic it leaves out is flagged.</summary>
internal static class FiniteJson
{
    /// <summary>Every number in the JSON parses as a finite double.</summary>
    public static void Check(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        Assert.Null(OrleansCt.Testing.JsonNumbers.FirstNonFinite(document.RootElement, "$"));
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
}
