namespace OrleansCt.Core.Policy;

/// <summary>
/// Fires when an alert of <paramref name="Kind"/> opens or escalates to <paramref name="Severity"/> or worse; for drift, only
/// while at least <paramref name="MinFeatures"/> features are in such an alert at once (1 for every other kind).
/// </summary>
public sealed record AlertTrigger(PolicyAlertKind Kind, AlertSeverity Severity, int MinFeatures = 1)
{
    /// <summary>The kind as alerts name it ("drift", "predictionDrift", …).</summary>
    public string KindName => PolicyNames.Of(Kind);

    /// <summary>Whether an alert of <paramref name="alertKind"/> at <paramref name="severity"/> counts towards this trigger.</summary>
    public bool Counts(string alertKind, AlertSeverity severity) => alertKind == KindName && severity >= Severity;
}
