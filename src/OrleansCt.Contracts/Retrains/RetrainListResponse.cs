namespace OrleansCt.Contracts;

/// <summary>
/// GET /v1/models/{model}/retrains: every retrain requested or triggered, oldest first, and why the champion is stale when it is (it
/// was trained with another trainer, other options or another ML.NET than the policy and this silo now use).
/// </summary>
public sealed record RetrainListResponse(string Model, IReadOnlyList<RetrainView> Retrains, string? Stale = null);
