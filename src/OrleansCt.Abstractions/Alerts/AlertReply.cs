namespace OrleansCt.Abstractions.Alerts;

/// <summary>The answer to a person's action on an alert: "done", "notFound", "conflict" or "invalid", why not, and the alert as JSON.</summary>
[GenerateSerializer, Immutable, Alias("OrleansCt.AlertReply")]
public sealed record AlertReply(
    [property: Id(0)] string Status,
    [property: Id(1)] string? Error,
    [property: Id(2)] byte[]? Alert);
