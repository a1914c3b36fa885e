namespace OrleansCt.Storage.Artifacts;

/// <summary>A stored artifact with its bytes, which matched <see cref="ArtifactInfo.Sha256"/> when they were read.</summary>
public sealed record Artifact(ArtifactInfo Info, byte[] Content)
{
    public string Sha256 => Info.Sha256;

    public long Size => Info.Size;
}
