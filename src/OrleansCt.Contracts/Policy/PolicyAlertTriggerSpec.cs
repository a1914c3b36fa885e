using System.Text.Json.Serialization;

namespace OrleansCt.Contracts;

/// <summary>
/// One alert trigger: the alert kind ("drift", "multivariate", "predictionDrift", "labelDrift", "skew", "performance",
/// "conceptDrift", "schemaChange", "dataQuality"), the least severity that fires it ("warning", the default, or "critical"),
/// and for "drift" only, how many features must be in such an alert at once (default 1).
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record PolicyAlertTriggerSpec
{
    public string? Kind { get; init; }

    public string? Severity { get; init; }

    public int? MinFeatures { get; init; }
}
