namespace OrleansCt.Core.Alerts;

/// <summary>What the book decided about a person's action on an alert: done (with the alert and the event to publish), or why not.</summary>
/// <param name="Status">Done, or the kind of refusal (maps to 200, 404, 409, 400).</param>
/// <param name="Alert">The alert after the action; the alert as it stands for a conflict; null when not found.</param>
/// <param name="Event">The change to publish when done.</param>
/// <param name="Error">Why the action was refused, in words for the person.</param>
public sealed record AlertDecision(AlertDecisionStatus Status, Alert? Alert, AlertEvent? Event, string? Error)
{
    public bool Ok => Status == AlertDecisionStatus.Done;

    internal static AlertDecision Done(AlertEvent e) => new(AlertDecisionStatus.Done, e.Alert, e, null);

    internal static AlertDecision Refused(AlertDecisionStatus status, Alert? alert, string error) => new(status, alert, null, error);
}
