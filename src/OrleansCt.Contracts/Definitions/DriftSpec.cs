namespace OrleansCt.Contracts;

/// <summary>How a model's feature windows judge drift: the sliding window, how much history they keep, and per-feature choices.</summary>
public sealed record DriftSpec
{
    /// <summary>Length of the sliding drift window in event-time seconds (time buckets); its buckets are merged for each score.</summary>
    public double WindowSeconds { get; init; } = 86_400;

    /// <summary>Closed buckets per window when buckets count events instead of time.</summary>
    public int WindowBuckets { get; init; } = 24;

    /// <summary>Closed buckets each feature window keeps (the history that drift windows are merged from and GET drift reads).</summary>
    public int KeepBuckets { get; init; } = 168;

    /// <summary>Per feature (by name): the statistic that decides drift and its threshold, instead of the automatic choice.</summary>
    public IReadOnlyDictionary<string, FeatureDriftSpec>? Features { get; init; }

    /// <summary>Thresholds from the reference itself (NannyML: mean + 3 std of window-sized reference chunks) where the reference has the rows for it.</summary>
    public bool ReferenceChunkThresholds { get; init; }

    /// <summary>Raise drift alerts (the scores are computed and readable either way).</summary>
    public bool Alerts { get; init; } = true;
}
