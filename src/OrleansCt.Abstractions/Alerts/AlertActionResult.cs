namespace OrleansCt.Abstractions.Alerts;

/// <summary>The answer to a person's action on an alert: the alert after it, or why not.</summary>
[GenerateSerializer, Immutable, Alias("OrleansCt.AlertActionResult")]
public sealed record AlertActionResult(
    [property: Id(0)] AlertActionStatus Status,
    [property: Id(1)] string? Error,
    [property: Id(2)] Alert? Alert);
