namespace OrleansCt.Storage.Artifacts;

/// <summary>Thrown when the stored bytes of an artifact no longer match the size and SHA-256 they were stored with.</summary>
public sealed class ArtifactCorruptException(string model, string version, string problem)
    : Exception($"The stored artifact of version '{version}' of model '{model}' is corrupt: {problem}. Put the version's bytes again, or drop it.")
{
    public string Model { get; } = model;

    public string Version { get; } = version;
}
