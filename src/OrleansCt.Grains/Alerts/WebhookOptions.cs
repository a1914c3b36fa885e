namespace OrleansCt.Grains.Alerts;

/// <summary>How <see cref="WebhookDelivery"/> retries: attempts, the time each may take, the backoff between them, and how many failed deliveries stay visible.</summary>
public sealed record WebhookOptions
{
    public static WebhookOptions Default { get; } = new();

    /// <summary>Attempts before a delivery is marked failed; at least 1.</summary>
    public int MaxAttempts { get; init; } = 10;

    /// <summary>Time one attempt may take, answer headers included; positive.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Wait after the first failed attempt; each later wait doubles, up to <see cref="MaxRetryDelay"/>. Positive.</summary>
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between attempts; at least <see cref="FirstRetryDelay"/>.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Failed deliveries kept for people to see; the oldest is dropped beyond it. Not negative.</summary>
    public int MaxFailedKept { get; init; } = 1_000;

    /// <summary>The wait after <paramref name="attempts"/> failed attempts: FirstRetryDelay·2^(attempts − 1), capped.</summary>
    public TimeSpan RetryDelay(int attempts)
    {
        var doublings = Math.Clamp(attempts - 1, 0, 30);
        var ticks = Math.Min(FirstRetryDelay.Ticks * (double)(1L << doublings), MaxRetryDelay.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first field whose value cannot work; returns these options otherwise.</summary>
    public WebhookOptions Validate()
    {
        var (field, problem) = this switch
        {
            { MaxAttempts: < 1 } => (nameof(MaxAttempts), "must be at least 1"),
            { AttemptTimeout.Ticks: <= 0 } => (nameof(AttemptTimeout), "must be positive"),
            { FirstRetryDelay.Ticks: <= 0 } => (nameof(FirstRetryDelay), "must be positive"),
            _ when MaxRetryDelay < FirstRetryDelay => (nameof(MaxRetryDelay), "must be at least FirstRetryDelay"),
            { MaxFailedKept: < 0 } => (nameof(MaxFailedKept), "must be 0 or more"),
            _ => ((string?)null, (string?)null),
        };
        if (field is not null)
        {
            throw new ArgumentException($"Webhook option {field} {problem}.", field);
        }

        return this;
    }
}
