using OrleansCt.Core.Schema;

namespace OrleansCt.Core.Api;

/// <summary>GET /v1/models: every registered model, by name.</summary>
public sealed record ModelListResponse(IReadOnlyList<ModelListItem> Models);

/// <summary>A registered model in the list.</summary>
public sealed record ModelListItem(string Name, ModelDefinition Definition);
