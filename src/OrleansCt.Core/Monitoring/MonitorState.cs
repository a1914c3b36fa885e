using OrleansCt.Core.Drift.Windows;
using OrleansCt.Core.Metrics;
using OrleansCt.Core.Sketches;

namespace OrleansCt.Core.Monitoring;

/// <summary>The exact contents of a <see cref="ModelMonitor"/>, for checkpoints.</summary>
public sealed record MonitorState(
    double Watermark,
    double MaxEventTime,
    long LateEvents,
    BucketState[] Buckets,
    StreamStatsState Overall,
    StreamStatsState? Reference,
    long ReferenceEvents,
    FixedHistogramState[]? Bins,
    QuantileSketchState LabelDelays,
    long Events,
    long LabelledEvents,
    long LabelsAfterClose,
    FadingClassificationState? FadingClassification,
    FadingRegressionState? FadingRegression,
    DetectorRunState[]? Detectors = null,
    long[]? OutOfRange = null,
    long[]? Unseen = null,
    FixedHistogramState? PredictionBins = null,
    FixedHistogramState? LabelBins = null,
    int ReferenceRevision = 0,
    double[]? MissingShares = null,
    ReferenceProfile? PendingProfile = null,
    BucketSummary[]? PendingSummaries = null,
    long LastSummarized = -1,
    long DroppedSummaries = 0,
    Drift.Multivariate.CoMomentsState[]? ReferenceJoint = null);
