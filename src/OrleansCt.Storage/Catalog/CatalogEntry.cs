namespace OrleansCt.Storage.Catalog;

/// <summary>A registered model as the catalog stores it.</summary>
public sealed record CatalogEntry(string Model, string DefinitionJson, long CreatedUnixMs, long UpdatedUnixMs);
