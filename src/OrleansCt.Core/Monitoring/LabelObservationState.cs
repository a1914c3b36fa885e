using OrleansCt.Core.Metrics;
using OrleansCt.Core.Sketches;

namespace OrleansCt.Core.Monitoring;

/// <summary>How labels arrived and what their errors did, in a checkpoint.</summary>
public sealed record LabelObservationState(
    QuantileSketchState Delays,
    long LabelledEvents,
    long LabelsAfterClose,
    FadingClassificationState? FadingClassification,
    FadingRegressionState? FadingRegression,
    DetectorRunState[] Detectors);
