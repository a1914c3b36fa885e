namespace OrleansCt.Core.Monitoring;

/// <summary>A detector run in a checkpoint: its counters and the detector's own exported state (JSON).</summary>
public sealed record DetectorRunState(string Kind, long Updates, long Drifts, long Warnings, long? LastDriftAt, bool InWarning, string Detector);
