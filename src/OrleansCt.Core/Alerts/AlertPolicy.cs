namespace OrleansCt.Core.Alerts;

/// <summary>
/// How an <see cref="AlertBook"/> turns observations into alerts: the model's <see cref="AlertSpec"/> (hysteresis band,
/// the run of clear evaluations that resolve an alert, cooldown, critical factor — read from it, never copied) and how
/// many resolved alerts the book keeps, which is the book's own limit and not part of a model's definition.
/// </summary>
/// <param name="Spec">The model's alert settings; only its book fields matter here.</param>
/// <param name="MaxResolved">Resolved alerts kept; beyond it the one resolved longest ago is dropped. Not negative.</param>
public sealed record AlertPolicy(AlertSpec Spec, int MaxResolved = 1_000)
{
    public static AlertPolicy Default { get; } = new(new AlertSpec());

    /// <summary>Share of the threshold by which a score must come back before it counts as clear: below threshold·(1 − h) for "above" scores, above threshold·(1 + h) for "below" ones. In [0, 1).</summary>
    public double Hysteresis => Spec.Hysteresis;

    /// <summary>Consecutive clear evaluations that resolve an open alert; at least 1.</summary>
    public int ResolveAfter => Spec.ResolveAfter;

    /// <summary>Seconds after a key's alert resolves during which no new alert opens on it; not negative.</summary>
    public double CooldownSeconds => Spec.CooldownSeconds;

    /// <summary>A score at threshold·f ("above") or threshold/f ("below") or beyond is critical; at least 1.</summary>
    public double CriticalFactor => Spec.CriticalFactor;

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
