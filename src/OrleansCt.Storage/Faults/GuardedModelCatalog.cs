using OrleansCt.Storage.Catalog;

namespace OrleansCt.Storage.Faults;

/// <summary>The catalog of either backend, with its storage failures raised as <see cref="Abstractions.Storage.StorageUnavailableException"/>.</summary>
public sealed class GuardedModelCatalog(IModelCatalog inner, string storage) : IModelCatalog
{
    public Task<bool> UpsertAsync(string model, string definitionJson, long unixMs, CancellationToken cancellationToken = default) =>
        StorageFault.Guard(() => inner.UpsertAsync(model, definitionJson, unixMs, cancellationToken), storage);

    public Task<CatalogEntry?> GetAsync(string model, CancellationToken cancellationToken = default) =>
        StorageFault.Guard(() => inner.GetAsync(model, cancellationToken), storage);

    public Task<IReadOnlyList<CatalogEntry>> ListAsync(CancellationToken cancellationToken = default) =>
        StorageFault.Guard(() => inner.ListAsync(cancellationToken), storage);
}
