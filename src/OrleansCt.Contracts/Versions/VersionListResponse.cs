namespace OrleansCt.Contracts;

/// <summary>GET /v1/models/{model}/versions: every version in registration order, and every alias move, oldest first.</summary>
public sealed record VersionListResponse(string Model, IReadOnlyList<VersionView> Versions, IReadOnlyList<AliasMoveView> History);
