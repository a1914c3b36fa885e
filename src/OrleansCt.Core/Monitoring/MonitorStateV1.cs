using OrleansCt.Core.Drift.Multivariate;
using OrleansCt.Core.Drift.Windows;
using OrleansCt.Core.Metrics;
using OrleansCt.Core.Sketches;

namespace OrleansCt.Core.Monitoring;

/// <summary>
/// The flat checkpoint the monitor wrote before it was composed of parts (up to commit 59036b4): read so that a model
/// checkpointed by that build still activates, and mapped field by field onto <see cref="MonitorState"/>.
/// </summary>
internal sealed record MonitorStateV1(
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
    CoMomentsState[]? ReferenceJoint = null)
{
    /// <summary>
    /// The same contents in the parts' shape; what this shape could leave out (it grew over time) is taken from
    /// <paramref name="fresh"/>, the state of a new monitor of the model, as the old reader took it from a new monitor.
    /// </summary>
    public MonitorState ToCurrent(MonitorState fresh) => new(
        new BucketSeriesState(Watermark, MaxEventTime, LateEvents, Buckets),
        Overall,
        Events,
        Bins is null ? null : new ReferenceBinsState(ReferenceRevision, MissingShares ?? new double[Bins.Length], Bins, PredictionBins, LabelBins),
        new ReferenceGatheringState(Reference, ReferenceEvents, ReferenceJoint),
        new DataQualityState(OutOfRange ?? fresh.Quality.OutOfRange, Unseen ?? fresh.Quality.Unseen),
        new LabelObservationState(LabelDelays, LabelledEvents, LabelsAfterClose, FadingClassification, FadingRegression, Detectors ?? fresh.Labels.Detectors),
        new DriftOutboxState(PendingProfile, PendingSummaries ?? [], LastSummarized, DroppedSummaries));
}
