namespace OrleansCt.Core.Drift.Detectors;

/// <summary>A concept-drift detector fed one number per update, with River's output semantics (tests/reference/drift-detectors.md, "Shared semantics").</summary>
public interface IDriftDetector
{
    /// <summary>Adds one value; if the previous update detected drift, the detector first returns to its initial state.</summary>
    void Update(double x);

    /// <summary>True right after the update that detected drift.</summary>
    bool DriftDetected { get; }

    /// <summary>True while the detector is in its warning zone; always false for detectors without one.</summary>
    bool WarningDetected { get; }

    /// <summary>
    /// The detector's complete mutable state as JSON (doubles in shortest round-trip form, NaN and infinities by name),
    /// naming the detector; the parameters are not included. Load it with <see cref="DriftDetectors.Restore"/>.
    /// </summary>
    string ExportState();
}
