namespace OrleansCt.Core.Buckets;

/// <summary>
/// How a model slices its stream: by a span of event time (seconds) or by a number of events, how late an event
/// may be before its bucket closes, and how many closed buckets the short ring keeps.
/// </summary>
public sealed record BucketOptions
{
    /// <summary>A bucket covers this many seconds of event time; null slices by <see cref="Events"/> instead.</summary>
    public double? Seconds { get; init; } = 3600;

    /// <summary>A bucket holds this many events (used when <see cref="Seconds"/> is null).</summary>
    public long Events { get; init; } = 10_000;

    /// <summary>The watermark trails the largest event time seen by this many seconds.</summary>
    public double AllowedLatenessSeconds { get; init; }

    /// <summary>Closed buckets kept for stats and metrics.</summary>
    public int Ring { get; init; } = 24;
}
