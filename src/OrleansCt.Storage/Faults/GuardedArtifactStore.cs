using OrleansCt.Storage.Artifacts;

namespace OrleansCt.Storage.Faults;

/// <summary>The artifact store of either backend, with its storage failures raised as <see cref="Abstractions.Storage.StorageUnavailableException"/>.</summary>
public sealed class GuardedArtifactStore(IArtifactStore inner, string storage) : IArtifactStore
{
    public long MaxArtifactBytes => inner.MaxArtifactBytes;

    public Task PutAsync(string model, string version, byte[] content, long createdUnixMs, CancellationToken cancellationToken = default) =>
        StorageFault.Guard(() => inner.PutAsync(model, version, content, createdUnixMs, cancellationToken), storage);

    public Task<Artifact?> GetAsync(string model, string version, CancellationToken cancellationToken = default) =>
        StorageFault.Guard(() => inner.GetAsync(model, version, cancellationToken), storage);

    public Task<ArtifactInfo?> GetInfoAsync(string model, string version, CancellationToken cancellationToken = default) =>
        StorageFault.Guard(() => inner.GetInfoAsync(model, version, cancellationToken), storage);

    public Task<IReadOnlyList<ArtifactInfo>> ListAsync(string model, CancellationToken cancellationToken = default) =>
        StorageFault.Guard(() => inner.ListAsync(model, cancellationToken), storage);

    public Task<bool> DropAsync(string model, string version, CancellationToken cancellationToken = default) =>
        StorageFault.Guard(() => inner.DropAsync(model, version, cancellationToken), storage);
}
