namespace OrleansCt.Core.Alerts;

/// <summary>
/// Turns a stream of <see cref="AlertObservation"/>s into alerts a person can act on: one active alert per key at
/// most, opened when a score crosses its threshold, resolved after <see cref="AlertPolicy.ResolveAfter"/> clear
/// evaluations past a hysteresis band, then a cooldown (the policy's, or the observation's <see cref="AlertObservation.MinCooldown"/>
/// if longer) before the key may alert again. Reads no clock: every time is
/// given, so a replay of the same observations and actions gives the same alerts, ids included.
/// </summary>
public sealed partial class AlertBook
{
    private readonly Dictionary<(string Kind, string Subject), AlertKeyState> _keys = [];
    private readonly Dictionary<string, Alert> _alerts = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public AlertBook(AlertPolicy? policy = null) => Policy = (policy ?? AlertPolicy.Default).Validate();

    public AlertPolicy Policy { get; }

    /// <summary>Every kept alert, newest (last opened) first.</summary>
    public IReadOnlyList<Alert> Alerts => [.. Enumerable.Reverse(_order).Select(id => _alerts[id])];

    /// <summary>The kept alerts in one state, newest first.</summary>
    public IReadOnlyList<Alert> InState(AlertStatus state) => [.. Alerts.Where(a => a.State == state)];

    /// <summary>The open and acknowledged alerts, newest first.</summary>
    public IReadOnlyList<Alert> Active => [.. Alerts.Where(a => a.IsActive())];

    public Alert? Find(string id) => _alerts.GetValueOrDefault(id);

    /// <summary>What the book remembers of a key (its count of alerts, cooldown, suppressed observations); null if never observed.</summary>
    public AlertKeyState? Key(string kind, string subject) => _keys.GetValueOrDefault((kind, subject));

    /// <summary>
    /// Applies one evaluation and returns what changed (nothing, opened, escalated, resolved). A NaN score, or a
    /// sequence lower than the key's highest so far (a stale or replayed evaluation), changes nothing.
    /// </summary>
    public IReadOnlyList<AlertEvent> Observe(AlertObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        observation.Check();
        var key = (observation.Kind, observation.Subject);
        var track = _keys.GetValueOrDefault(key) ?? new AlertKeyState(observation.Kind, observation.Subject, 0, null, 0, null, 0, long.MinValue);
        if (double.IsNaN(observation.Score) || observation.Sequence < track.LastSequence)
        {
            return [];
        }

        _keys[key] = track with { LastSequence = observation.Sequence };
        return track.ActiveId is { } id ? Follow(_alerts[id], observation) : TryOpen(observation);
    }

    private AlertEvent[] TryOpen(AlertObservation o)
    {
        var track = _keys[(o.Kind, o.Subject)];
        if (!o.IsBad())
        {
            return [];
        }

        if (track.LastResolvedAt is { } resolvedAt && o.EvaluatedAt < resolvedAt + Math.Max(Policy.CooldownSeconds, o.MinCooldown))
        {
            _keys[(o.Kind, o.Subject)] = track with { Suppressed = track.Suppressed + 1 };
            return [];
        }

        var number = track.Opened + 1;
        var alert = new Alert
        {
            Id = $"{o.Kind}:{o.Subject}:{number}",
            Kind = o.Kind,
            Subject = o.Subject,
            Statistic = o.Statistic,
            Severity = Policy.SeverityOf(o.Score, o.Threshold, o.AlertsBelow),
            State = AlertStatus.Open,
            Score = o.Score,
            PeakScore = o.Score,
            Threshold = o.Threshold,
            AlertsBelow = o.AlertsBelow,
            WindowStart = o.WindowStart,
            WindowEnd = o.WindowEnd,
            Sequence = o.Sequence,
            LastSequence = o.Sequence,
            OpenedAt = o.EvaluatedAt,
            Observations = 1,
        };
        _alerts.Add(alert.Id, alert);
        _order.Add(alert.Id);
        _keys[(o.Kind, o.Subject)] = track with { Opened = number, ActiveId = alert.Id, ClearRun = 0 };
        return [new AlertEvent(AlertEventKind.Opened, alert, o.EvaluatedAt)];
    }

    private AlertEvent[] Follow(Alert alert, AlertObservation o)
    {
        var track = _keys[(o.Kind, o.Subject)];
        if (o.IsBad())
        {
            _keys[(o.Kind, o.Subject)] = track with { ClearRun = 0 };
            var severity = Policy.SeverityOf(o.Score, o.Threshold, o.AlertsBelow);
            severity = severity > alert.Severity ? severity : alert.Severity;

            // A different statistic or side is another scale: its peak starts again.
            var sameScale = o.Statistic == alert.Statistic && o.AlertsBelow == alert.AlertsBelow;
            var updated = alert with
            {
                Statistic = o.Statistic,
                Severity = severity,
                Score = o.Score,
                PeakScore = !sameScale ? o.Score : o.AlertsBelow ? Math.Min(alert.PeakScore, o.Score) : Math.Max(alert.PeakScore, o.Score),
                Threshold = o.Threshold,
                AlertsBelow = o.AlertsBelow,
                WindowStart = o.WindowStart,
                WindowEnd = o.WindowEnd,
                LastSequence = o.Sequence,
                Observations = alert.Observations + 1,
            };
            _alerts[alert.Id] = updated;
            return severity > alert.Severity ? [new AlertEvent(AlertEventKind.Escalated, updated, o.EvaluatedAt)] : [];
        }

        var clearRun = Policy.IsClear(o.Score, o.Threshold, o.AlertsBelow) ? track.ClearRun + 1 : 0;
        if (clearRun < Policy.ResolveAfter)
        {
            _keys[(o.Kind, o.Subject)] = track with { ClearRun = clearRun };
            return [];
        }

        return [Close(alert, o.EvaluatedAt, null)];
    }

    /// <summary>Resolves an active alert, starts its key's cooldown and drops the oldest resolved alerts beyond the bound.</summary>
    private AlertEvent Close(Alert alert, double at, string? by)
    {
        var resolved = alert with { State = AlertStatus.Resolved, ResolvedAt = at, ResolvedBy = by };
        _alerts[alert.Id] = resolved;
        var key = (alert.Kind, alert.Subject);
        _keys[key] = _keys[key] with { ActiveId = null, ClearRun = 0, LastResolvedAt = at };
        Trim();
        return new AlertEvent(AlertEventKind.Resolved, resolved, at);
    }

    /// <summary>Drops resolved alerts beyond <see cref="AlertPolicy.MaxResolved"/>, the one resolved longest ago first (ties: the first opened).</summary>
    private void Trim()
    {
        var resolved = _order.Select(id => _alerts[id]).Where(a => a.State == AlertStatus.Resolved).ToList();
        while (resolved.Count > Policy.MaxResolved)
        {
            var oldest = resolved.MinBy(a => a.ResolvedAt)!;
            resolved.Remove(oldest);
            _alerts.Remove(oldest.Id);
            _order.Remove(oldest.Id);
        }
    }
}
