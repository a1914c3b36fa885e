namespace OrleansCt.Core.Alerts;

/// <summary>A person's actions on alerts: acknowledge and resolve. Mistakes (unknown id, wrong state, no name) are refusals, not exceptions.</summary>
public sealed partial class AlertBook
{
    /// <summary>Marks an open alert as seen by <paramref name="by"/>; it still resolves by itself when its score clears.</summary>
    public AlertDecision Acknowledge(string id, string by, string? comment, double at)
    {
        if (Refusal(id, by, at, "acknowledge") is { } refusal)
        {
            return refusal;
        }

        var alert = _alerts[id];
        if (alert.State == AlertStatus.Acknowledged)
        {
            return AlertDecision.Refused(AlertDecisionStatus.Conflict, alert, $"Alert '{id}' is already acknowledged by {alert.AcknowledgedBy}.");
        }

        var acknowledged = alert with
        {
            State = AlertStatus.Acknowledged,
            AcknowledgedAt = at,
            AcknowledgedBy = by,
            AcknowledgedComment = string.IsNullOrWhiteSpace(comment) ? null : comment,
        };
        _alerts[id] = acknowledged;
        return AlertDecision.Done(new AlertEvent(AlertEventKind.Acknowledged, acknowledged, at));
    }

    /// <summary>
    /// Resolves an open or acknowledged alert now, whether or not its score has cleared. The key's cooldown starts
    /// here; if the condition persists, a new alert opens on the first bad evaluation after the cooldown.
    /// </summary>
    public AlertDecision Resolve(string id, string by, double at)
    {
        if (Refusal(id, by, at, "resolve") is { } refusal)
        {
            return refusal;
        }

        return AlertDecision.Done(Close(_alerts[id], at, by));
    }

    /// <summary>The refusal of an action on an unknown or resolved alert, or by nobody; null when the action may go on.</summary>
    private AlertDecision? Refusal(string id, string by, double at, string action)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!double.IsFinite(at))
        {
            throw new ArgumentException($"The time of an action must be finite seconds; got {at}.", nameof(at));
        }

        if (!_alerts.TryGetValue(id, out var alert))
        {
            return AlertDecision.Refused(AlertDecisionStatus.NotFound, null, $"There is no alert '{id}' (resolved alerts beyond the newest {Policy.MaxResolved} are not kept).");
        }

        if (string.IsNullOrWhiteSpace(by))
        {
            return AlertDecision.Refused(AlertDecisionStatus.Invalid, alert, $"Say who is going to {action} alert '{id}'.");
        }

        return alert.State == AlertStatus.Resolved
            ? AlertDecision.Refused(AlertDecisionStatus.Conflict, alert, $"Alert '{id}' is already resolved; there is nothing left to {action}.")
            : null;
    }
}
