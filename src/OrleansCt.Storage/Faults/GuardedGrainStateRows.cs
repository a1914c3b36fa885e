using OrleansCt.Storage.GrainState;

namespace OrleansCt.Storage.Faults;

/// <summary>Grain state rows of either backend, with their storage failures raised as <see cref="Abstractions.Storage.StorageUnavailableException"/>.</summary>
internal sealed class GuardedGrainStateRows(IGrainStateRows inner, string storage) : IGrainStateRows
{
    public Task<GrainStateRow?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken) =>
        StorageFault.Guard(() => inner.ReadAsync(key, cancellationToken), storage);

    public Task<bool> InsertIfAbsentAsync(GrainStateKey key, byte[] payload, CancellationToken cancellationToken) =>
        StorageFault.Guard(() => inner.InsertIfAbsentAsync(key, payload, cancellationToken), storage);

    public Task<bool> UpdateIfMatchAsync(GrainStateKey key, long etag, byte[] payload, CancellationToken cancellationToken) =>
        StorageFault.Guard(() => inner.UpdateIfMatchAsync(key, etag, payload, cancellationToken), storage);

    public Task<bool> ClearIfMatchAsync(GrainStateKey key, long etag, CancellationToken cancellationToken) =>
        StorageFault.Guard(() => inner.ClearIfMatchAsync(key, etag, cancellationToken), storage);
}
