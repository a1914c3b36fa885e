namespace OrleansCt.Contracts;

/// <summary>How a model's live state is sliced and summarised: buckets, the reference, and sketch sizes.</summary>
public sealed record MonitoringSpec
{
    /// <summary>Seconds of event time per bucket; null slices by <see cref="BucketEvents"/>.</summary>
    public double? BucketSeconds { get; init; } = 3600;

    /// <summary>Events per bucket when <see cref="BucketSeconds"/> is null.</summary>
    public long BucketEvents { get; init; } = 10_000;

    /// <summary>How far behind the largest event time the watermark trails.</summary>
    public double AllowedLatenessSeconds { get; init; }

    /// <summary>Closed buckets kept in the model grain's short ring.</summary>
    public int Ring { get; init; } = 2;

    /// <summary>The model's first events that form its reference until one is set explicitly.</summary>
    public int ReferenceEvents { get; init; } = 1_000;

    /// <summary>Bins of the fixed-edge histograms, from the reference's quantiles.</summary>
    public int HistogramBins { get; init; } = 10;

    /// <summary>Size parameter of a bucket's quantile sketches (KLL k); the whole stream's are 3 times larger.</summary>
    public int QuantileK { get; init; } = 16;

    /// <summary>Distinct categories a bucket counts per categorical feature before the rest go to "other" (the whole stream: 3 times more).</summary>
    public int CategoryCap { get; init; } = 8;

    /// <summary>Score bins per class of the ROC AUC sketch (error at most half the share of positive–negative pairs that share a bin).</summary>
    public int AucBins { get; init; } = 50;

    /// <summary>Concept-drift detectors run on the model's error stream, in this order.</summary>
    public IReadOnlyList<DetectorSpec> Detectors { get; init; } = [];

    /// <summary>Weight of the past in the fading-factor metrics (River's α).</summary>
    public double FadingFactor { get; init; } = 0.999;

    /// <summary>Feature, prediction and label drift: the window, the history kept, per-feature tests.</summary>
    public DriftSpec Drift { get; init; } = new();
}
