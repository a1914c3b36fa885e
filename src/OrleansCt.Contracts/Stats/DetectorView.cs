namespace OrleansCt.Contracts;

/// <summary>A concept-drift detector on the model's error stream and what it has signalled.</summary>
public sealed record DetectorView(string Kind, long Updates, long Drifts, long Warnings, long? LastDriftAtLabel, bool Warning);
