namespace OrleansCt.Core.Drift.Detectors;

/// <summary>One signal of a detector on a stream: the 0-based index and "drift" or "warning" (drift-detectors.md, "Shared semantics").</summary>
public readonly record struct DriftSignal(long Index, string Signal)
{
    public const string Drift = "drift";

    public const string Warning = "warning";
}
