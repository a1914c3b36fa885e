using System.Globalization;

namespace OrleansCt.Storage.Artifacts;

/// <summary>Thrown when an artifact is larger than <see cref="StorageOptions.MaxArtifactBytes"/>; nothing of it was stored.</summary>
public sealed class ArtifactTooLargeException(string model, string version, long size, long limit)
    : ArgumentOutOfRangeException(
        "content",
        size,
        string.Create(
            CultureInfo.InvariantCulture,
            $"The artifact of version '{version}' of model '{model}' is {size:N0} bytes, over the limit of {limit:N0} bytes " +
            $"(OrleansCt:Storage:MaxArtifactBytes); nothing was stored."))
{
    public string Model { get; } = model;

    public string Version { get; } = version;

    public long Size { get; } = size;

    public long Limit { get; } = limit;
}
