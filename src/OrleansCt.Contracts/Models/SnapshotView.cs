namespace OrleansCt.Contracts;

/// <summary>A published snapshot: the log sequence it covers and the digest of its weights.</summary>
public sealed record SnapshotView(long Sequence, string Digest);
