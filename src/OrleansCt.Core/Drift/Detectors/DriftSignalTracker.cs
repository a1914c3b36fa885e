namespace OrleansCt.Core.Drift.Detectors;

/// <summary>Turns a detector's flags into signals as River's documented examples print them: every drift, and the first warning of each drift cycle (drift-detectors.md).</summary>
public sealed class DriftSignalTracker(IDriftDetector detector)
{
    private readonly IDriftDetector _detector = detector ?? throw new ArgumentNullException(nameof(detector));
    private bool _warningPending = true;
    private long _index;

    /// <summary>Feeds one value and returns the signals it produced (none, a warning, a drift, or a warning then a drift at the same index).</summary>
    public IReadOnlyList<DriftSignal> Update(double x)
    {
        var index = _index++;
        _detector.Update(x);
        List<DriftSignal>? signals = null;

        // The warning is checked before the drift, as in River's loop, so a detector that keeps its
        // warning flag on the drifting update reports both at that index.
        if (_detector.WarningDetected && _warningPending)
        {
            (signals ??= []).Add(new DriftSignal(index, DriftSignal.Warning));
            _warningPending = false;
        }

        if (_detector.DriftDetected)
        {
            (signals ??= []).Add(new DriftSignal(index, DriftSignal.Drift));
            _warningPending = true;
        }

        return signals ?? (IReadOnlyList<DriftSignal>)[];
    }

    /// <summary>Runs a whole stream through a detector and returns all its signals in order.</summary>
    public static List<DriftSignal> Run(IDriftDetector detector, IEnumerable<double> stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var tracker = new DriftSignalTracker(detector);
        var all = new List<DriftSignal>();
        foreach (var x in stream)
        {
            all.AddRange(tracker.Update(x));
        }

        return all;
    }
}
