namespace OrleansCt.Storage.Artifacts;

/// <summary>Thrown when different bytes are put under a version that already has an artifact: artifacts are immutable.</summary>
public sealed class ArtifactConflictException(string model, string version, string storedSha256, string offeredSha256)
    : Exception(
        $"Version '{version}' of model '{model}' already has an artifact (SHA-256 {storedSha256}); artifacts are immutable, so other bytes " +
        $"(SHA-256 {offeredSha256}) cannot be stored under it. Store them as a new version.")
{
    public string Model { get; } = model;

    public string Version { get; } = version;

    public string StoredSha256 { get; } = storedSha256;

    public string OfferedSha256 { get; } = offeredSha256;
}
