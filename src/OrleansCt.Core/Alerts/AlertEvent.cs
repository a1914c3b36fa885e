namespace OrleansCt.Core.Alerts;

/// <summary>One change of an alert, with the alert as it is after the change, and when it happened (seconds).</summary>
/// <param name="Kind">What changed.</param>
/// <param name="Alert">The alert after the change.</param>
/// <param name="At">The evaluation time (or the person's time) of the change, in seconds.</param>
public sealed record AlertEvent(AlertEventKind Kind, Alert Alert, double At)
{
    /// <summary>
    /// A stable key of this event, "{alertId}/{kind}" (e.g. "drift:age:2/opened"): each kind happens at most once
    /// per alert and ids are deterministic, so a replay or a retried delivery gives the same key.
    /// </summary>
    public string Key => $"{Alert.Id}/{KindName(Kind)}";

    /// <summary>The camelCase name of a kind, as JSON writes it.</summary>
    public static string KindName(AlertEventKind kind) => kind switch
    {
        AlertEventKind.Opened => "opened",
        AlertEventKind.Escalated => "escalated",
        AlertEventKind.Acknowledged => "acknowledged",
        AlertEventKind.Resolved => "resolved",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not an alert event kind"),
    };
}
