
namespace OrleansCt.Contracts;

/// <summary>GET /v1/models: every registered model, by name.</summary>
public sealed record ModelListResponse(IReadOnlyList<ModelListItem> Models);
