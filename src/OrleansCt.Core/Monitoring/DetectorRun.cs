using OrleansCt.Core.Drift.Detectors;
using OrleansCt.Core.Schema;

namespace OrleansCt.Core.Monitoring;

/// <summary>
/// One concept-drift detector on a model's error stream, with what it has signalled: drifts, and warnings counted
/// once per drift cycle (drift-detectors.md's output convention).
/// </summary>
public sealed class DetectorRun(DetectorSpec spec, IDriftDetector detector)
{
    public DetectorSpec Spec { get; } = spec;

    public long Updates { get; private set; }

    public long Drifts { get; private set; }

    public long Warnings { get; private set; }

    /// <summary>The 0-based index, among the model's joined labels, of the last drift signalled.</summary>
    public long? LastDriftAt { get; private set; }

    /// <summary>True between a warning and the next drift.</summary>
    public bool InWarning { get; private set; }

    public static DetectorRun Start(DetectorSpec spec) => new(spec, DriftDetectors.Create(spec.Kind, spec.Parameters));

    public void Observe(double error, long labelIndex)
    {
        detector.Update(error);
        Updates++;
        if (detector.DriftDetected)
        {
            Drifts++;
            LastDriftAt = labelIndex;
            InWarning = false;
        }
        else if (detector.WarningDetected && !InWarning)
        {
            Warnings++;
            InWarning = true;
        }
    }

    public DetectorRunState ToState() => new(Spec.Kind, Updates, Drifts, Warnings, LastDriftAt, InWarning, detector.ExportState());

    public static DetectorRun FromState(DetectorSpec spec, DetectorRunState state)
    {
        if (state.Kind != spec.Kind)
        {
            throw new ArgumentException($"the checkpoint holds a '{state.Kind}' detector where the model runs '{spec.Kind}'.", nameof(state));
        }

        return new DetectorRun(spec, DriftDetectors.Restore(spec.Kind, spec.Parameters, state.Detector))
        {
            Updates = state.Updates, Drifts = state.Drifts, Warnings = state.Warnings, LastDriftAt = state.LastDriftAt, InWarning = state.InWarning,
        };
    }
}
