namespace OrleansCt.Core.Alerts;

/// <summary>
/// One evaluation of one monitored score: for a key (kind + subject, e.g. "drift" + "vicprice"), the score, its
/// threshold and on which side it alerts, the window it covers, the log sequence that completed the evaluation and
/// the evaluation time (seconds, the clock the caller uses for every time it gives the book).
/// </summary>
/// <param name="Kind">The family of the check: "drift", "dataQuality", "skew", "performance", "conceptDrift"…; no ':'.</param>
/// <param name="Subject">What was checked: a feature, "age/outOfRange", "accuracy", "ddm"; may be empty.</param>
/// <param name="Statistic">The name of the score, e.g. "jsDistance" or "ksP".</param>
/// <param name="Score">The value; NaN means the evaluation had nothing to say and is skipped.</param>
/// <param name="Threshold">The value at which the score alerts; finite and not negative (the statistics are distances, p-values, rates).</param>
/// <param name="AlertsBelow">True when a score below the threshold alerts (p-values, accuracy); false when a score at or above it does (distances).</param>
/// <param name="WindowStart">Start of the evaluated window in event-time seconds; null for windows counted in events.</param>
/// <param name="WindowEnd">End of the evaluated window; null for windows counted in events.</param>
/// <param name="Sequence">The log sequence of the entry that completed the evaluation.</param>
/// <param name="EvaluatedAt">When the evaluation happened, in seconds; cooldowns are measured on this clock.</param>
/// <param name="MinCooldown">The least cooldown after the key's alert resolves, on the <paramref name="EvaluatedAt"/> clock, whatever the policy's:
/// a sliding window's length, so that a new alert is judged on rows the window that resolved the last one did not hold. 0: the policy's.</param>
public sealed record AlertObservation(
    string Kind,
    string Subject,
    string Statistic,
    double Score,
    double Threshold,
    bool AlertsBelow,
    double? WindowStart,
    double? WindowEnd,
    long Sequence,
    double EvaluatedAt,
    double MinCooldown = 0)
{
    /// <summary>Whether the score is on the alerting side: below the threshold when <see cref="AlertsBelow"/>, else at or above it.</summary>
    public bool IsBad() => AlertsBelow ? Score < Threshold : Score >= Threshold;

    internal void Check()
    {
        string? problem = null;
        if (string.IsNullOrEmpty(Kind) || Kind.Contains(':'))
        {
            problem = $"Kind '{Kind}' must be a non-empty name without ':' (alert ids are kind:subject:n)";
        }
        else if (Subject is null || string.IsNullOrEmpty(Statistic))
        {
            problem = "Subject must not be null and Statistic must not be empty";
        }
        else if (!(double.IsFinite(Threshold) && Threshold >= 0) || !double.IsFinite(EvaluatedAt))
        {
            problem = $"Threshold {Threshold} must be finite and not negative, and EvaluatedAt {EvaluatedAt} finite";
        }
        else if (!(double.IsFinite(MinCooldown) && MinCooldown >= 0))
        {
            problem = $"MinCooldown {MinCooldown} must be finite and not negative";
        }

        if (problem is not null)
        {
            throw new ArgumentException($"Alert observation is not valid: {problem}.", "observation");
        }
    }
}
