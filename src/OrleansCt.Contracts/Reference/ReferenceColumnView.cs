namespace OrleansCt.Contracts;

/// <summary>One reference column: rows, missing share, distinct values (capped at 6: more than 5 is continuous) and bins.</summary>
/// <param name="ChunkThreshold">The threshold from reference chunks (used when monitoring.drift.referenceChunkThresholds is on).</param>
public sealed record ReferenceColumnView(string Name, bool Categorical, long Rows, double MissingShare, long Distinct, int Bins, double? ChunkThreshold);
