namespace OrleansCt.Storage.Artifacts;

/// <summary>The record of a stored artifact: what was put, and whether its bytes are still kept.</summary>
/// <param name="Sha256">The SHA-256 of the bytes, 64 lower-case hex digits.</param>
/// <param name="Size">The length of the bytes.</param>
/// <param name="Dropped">True once the bytes were dropped: the record stays, the bytes are gone.</param>
public sealed record ArtifactInfo(string Model, string Version, string Sha256, long Size, long CreatedUnixMs, bool Dropped);
