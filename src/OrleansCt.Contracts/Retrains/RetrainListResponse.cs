namespace OrleansCt.Contracts;

/// <summary>GET /v1/models/{model}/retrains: every retrain requested, oldest first.</summary>
public sealed record RetrainListResponse(string Model, IReadOnlyList<RetrainView> Retrains);
