namespace OrleansCt.Abstractions.Alerts;

/// <summary>
/// One alert change as published on the "alerts" stream (namespace "alerts", key the model): what happened, to which
/// alert, and the log sequence of the evaluation that raised it.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansCt.AlertNotice")]
public sealed record AlertNotice(
    [property: Id(0)] string Model,
    [property: Id(1)] string Event,
    [property: Id(2)] string AlertId,
    [property: Id(3)] string Kind,
    [property: Id(4)] string Subject,
    [property: Id(5)] string Severity,
    [property: Id(6)] string State,
    [property: Id(7)] double Score,
    [property: Id(8)] double Threshold,
    [property: Id(9)] long Sequence,
    [property: Id(10)] double At)
{
    public const string Provider = "alerts";

    public const string Namespace = "alerts";
}
