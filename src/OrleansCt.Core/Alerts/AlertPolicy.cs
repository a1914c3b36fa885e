namespace OrleansCt.Core.Alerts;

/// <summary>
/// How an <see cref="AlertBook"/> turns observations into alerts: the hysteresis band and the run of clear
/// evaluations that resolve an alert, the cooldown before a key may alert again, the factor that makes an alert
/// critical, and how many resolved alerts are kept.
/// </summary>
public sealed record AlertPolicy
{
    public static AlertPolicy Default { get; } = new();

    /// <summary>Share of the threshold by which a score must come back before it counts as clear: below threshold·(1 − h) for "above" scores, above threshold·(1 + h) for "below" ones. In [0, 1).</summary>
    public double Hysteresis { get; init; } = 0.1;

    /// <summary>Consecutive clear evaluations that resolve an open alert; at least 1.</summary>
    public int ResolveAfter { get; init; } = 3;

    /// <summary>Seconds after a key's alert resolves during which no new alert opens on it; not negative.</summary>
    public double CooldownSeconds { get; init; } = 3600;

    /// <summary>A score at threshold·f ("above") or threshold/f ("below") or beyond is critical; at least 1.</summary>
    public double CriticalFactor { get; init; } = 2;

    /// <summary>Resolved alerts kept; beyond it the one resolved longest ago is dropped. Not negative.</summary>
    public int MaxResolved { get; init; } = 1_000;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first field with a value that cannot work; returns this policy otherwise.</summary>
    public AlertPolicy Validate()
    {
        var (field, problem) = this switch
        {
            { Hysteresis: var h } when !(h >= 0 && h < 1) => (nameof(Hysteresis), $"is {h}; it must be a share in [0, 1)"),
            { ResolveAfter: < 1 } => (nameof(ResolveAfter), $"is {ResolveAfter}; it must be at least 1 evaluation"),
            { CooldownSeconds: var c } when !(double.IsFinite(c) && c >= 0) => (nameof(CooldownSeconds), $"is {c}; it must be a finite number of seconds, 0 or more"),
            { CriticalFactor: var f } when !(double.IsFinite(f) && f >= 1) => (nameof(CriticalFactor), $"is {f}; it must be a finite factor of at least 1"),
            { MaxResolved: < 0 } => (nameof(MaxResolved), $"is {MaxResolved}; it must be 0 or more"),
            _ => ((string?)null, (string?)null),
        };
        if (field is not null)
        {
            throw new ArgumentException($"Alert policy {field} {problem}.", field);
        }

        return this;
    }

    /// <summary>Whether a score is clear of the threshold by the hysteresis band: below threshold·(1 − h) for "above" scores, above threshold·(1 + h) for "below" ones.</summary>
    public bool IsClear(double score, double threshold, bool alertsBelow) =>
        alertsBelow ? score > threshold * (1 + Hysteresis) : score < threshold * (1 - Hysteresis);

    /// <summary>The severity of a score on the alerting side: critical from threshold·f on ("above"), up to threshold/f ("below").</summary>
    public AlertSeverity SeverityOf(double score, double threshold, bool alertsBelow) =>
        (alertsBelow ? score <= threshold / CriticalFactor : score >= threshold * CriticalFactor) ? AlertSeverity.Critical : AlertSeverity.Warning;
}
