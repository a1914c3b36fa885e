namespace OrleansCt.Contracts;

/// <summary>
/// An alert on one key (kind + subject): what crossed which threshold, how bad it got, and who did what about it.
/// Times are seconds on the caller's clock; a null <see cref="ResolvedBy"/> on a resolved alert means the book
/// resolved it because the score stayed clear.
/// </summary>
public sealed record Alert
{
    /// <summary>"{kind}:{subject}:{n}", n counting the key's alerts from 1, so a replay gives the same ids.</summary>
    public required string Id { get; init; }

    public required string Kind { get; init; }

    public required string Subject { get; init; }

    /// <summary>The name of the score (of the latest bad observation).</summary>
    public required string Statistic { get; init; }

    /// <summary>Rises to critical while open, never falls.</summary>
    public required AlertSeverity Severity { get; init; }

    public required AlertStatus State { get; init; }

    /// <summary>The score of the latest bad observation.</summary>
    public required double Score { get; init; }

    /// <summary>The worst score seen while open: the largest for "above" scores, the smallest for "below" ones.</summary>
    public required double PeakScore { get; init; }

    /// <summary>The threshold of the latest bad observation.</summary>
    public required double Threshold { get; init; }

    public required bool AlertsBelow { get; init; }

    /// <summary>The window of the latest bad observation; null for windows counted in events.</summary>
    public double? WindowStart { get; init; }

    public double? WindowEnd { get; init; }

    /// <summary>The log sequence of the observation that opened the alert.</summary>
    public required long Sequence { get; init; }

    /// <summary>The log sequence of the latest bad observation.</summary>
    public required long LastSequence { get; init; }

    public required double OpenedAt { get; init; }

    public double? AcknowledgedAt { get; init; }

    public string? AcknowledgedBy { get; init; }

    public string? AcknowledgedComment { get; init; }

    public double? ResolvedAt { get; init; }

    /// <summary>The person who resolved it; null when it resolved by itself.</summary>
    public string? ResolvedBy { get; init; }

    /// <summary>Bad observations while open, the opening one included.</summary>
    public required long Observations { get; init; }

    /// <summary>Open or acknowledged.</summary>
    public bool IsActive() => State != AlertStatus.Resolved;
}
