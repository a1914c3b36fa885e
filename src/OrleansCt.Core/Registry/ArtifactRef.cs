namespace OrleansCt.Core.Registry;

/// <summary>A version's stored artifact: its SHA-256 (hex) and size; <see cref="Dropped"/> once retention removed the bytes (the record stays).</summary>
public sealed record ArtifactRef(string Sha256, long Bytes, bool Dropped = false);
