namespace OrleansCt.Storage.Artifacts;

/// <summary>
/// The model artifacts (ML.NET zip files) of each model's versions, stored with the log. An artifact is immutable: a version holds
/// one set of bytes for ever, even after they are dropped, when its record stays.
/// </summary>
public interface IArtifactStore
{
    /// <summary>The largest artifact <see cref="PutAsync"/> takes, in bytes.</summary>
    long MaxArtifactBytes { get; }

    /// <summary>
    /// Stores <paramref name="content"/> as <paramref name="version"/> of <paramref name="model"/>, with its SHA-256 and size.
    /// Putting the same bytes again does nothing (and gives the bytes of a dropped version back); different bytes under a stored
    /// version are an <see cref="ArtifactConflictException"/>; more than <see cref="MaxArtifactBytes"/> an
    /// <see cref="ArtifactTooLargeException"/>, with nothing stored.
    /// </summary>
    /// <param name="createdUnixMs">When the version was made, as the caller's clock says; a repeated put keeps the first.</param>
    Task PutAsync(string model, string version, byte[] content, long createdUnixMs, CancellationToken cancellationToken = default);

    /// <summary>
    /// The bytes of a version, checked against the SHA-256 they were stored with; null when the version is unknown or its bytes were
    /// dropped. Bytes that do not match are an <see cref="ArtifactCorruptException"/>.
    /// </summary>
    Task<Artifact?> GetAsync(string model, string version, CancellationToken cancellationToken = default);

    /// <summary>The record of a version without its bytes, dropped or not; null when the version was never put.</summary>
    Task<ArtifactInfo?> GetInfoAsync(string model, string version, CancellationToken cancellationToken = default);

    /// <summary>The records of a model's versions, dropped ones included, in the order they were first put.</summary>
    Task<IReadOnlyList<ArtifactInfo>> ListAsync(string model, CancellationToken cancellationToken = default);

    /// <summary>Drops the bytes of a version and keeps its record; false when there were none to drop (unknown or already dropped).</summary>
    Task<bool> DropAsync(string model, string version, CancellationToken cancellationToken = default);
}
