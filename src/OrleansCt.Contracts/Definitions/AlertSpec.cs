namespace OrleansCt.Contracts;

/// <summary>
/// How a model's alerts behave and where they go: a webhook, the alert book's hysteresis and cooldown, and the
/// thresholds of the data-quality and performance alerts.
/// </summary>
public sealed record AlertSpec
{
    /// <summary>An http(s) URL that receives every alert change as a JSON POST with an Idempotency-Key header; null for none.</summary>
    public string? Webhook { get; init; }

    /// <summary>After a resolution, event-time seconds before the same feature or metric may raise a new alert.</summary>
    public double CooldownSeconds { get; init; } = 3_600;

    /// <summary>Share by which the threshold is relaxed before an open alert counts as clear.</summary>
    public double Hysteresis { get; init; } = 0.1;

    /// <summary>Clear evaluations in a row that resolve an open alert.</summary>
    public int ResolveAfter { get; init; } = 3;

    /// <summary>How far past its threshold a score becomes critical (×2 for a distance, ÷2 for a p-value).</summary>
    public double CriticalFactor { get; init; } = 2;

    /// <summary>A window's missing share may exceed the reference's by this much before it is a data-quality alert.</summary>
    public double MissingRateTolerance { get; init; } = 0.1;

    /// <summary>Share of a window's values outside the schema's range or categories that raises a data-quality alert.</summary>
    public double ViolationShare { get; init; } = 0.01;

    /// <summary>A performance floor: "accuracy" (classification) or "mae" (regression, a ceiling), judged per window once it has <see cref="MinLabels"/> labels.</summary>
    public string? Metric { get; init; }

    /// <summary>The floor (accuracy) or ceiling (mae) of <see cref="Metric"/>.</summary>
    public double? MetricThreshold { get; init; }

    public int MinLabels { get; init; } = 30;
}
