namespace OrleansCt.Storage.Catalog;

/// <summary>The list of registered models and their definitions (stored as JSON text).</summary>
public interface IModelCatalog
{
    /// <summary>Inserts or replaces a model's definition; returns true when the model is new.</summary>
    Task<bool> UpsertAsync(string model, string definitionJson, long unixMs, CancellationToken cancellationToken = default);

    Task<CatalogEntry?> GetAsync(string model, CancellationToken cancellationToken = default);

    /// <summary>All models, ordered by name.</summary>
    Task<IReadOnlyList<CatalogEntry>> ListAsync(CancellationToken cancellationToken = default);
}
