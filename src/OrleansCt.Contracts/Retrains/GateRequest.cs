namespace OrleansCt.Contracts;

/// <summary>
/// The validation gate's settings for one retrain (all optional): the metric judged ("accuracy", "logLoss", "auc", "rmse", "mae",
/// "r2"), a floor on it, how much worse than the champion it may be (absolute, and relative to the champion's value), the scoring
/// latency limit for a sample batch, and the share of the newest labelled rows held out.
/// </summary>
public sealed record GateRequest
{
    public string? Metric { get; init; }

    public double? Floor { get; init; }

    public double? MaxWorsening { get; init; }

    public double? MaxRelativeWorsening { get; init; }

    public double? MaxLatencyMs { get; init; }

    public double? HoldoutFraction { get; init; }

    public int? MaxHoldoutRows { get; init; }
}
