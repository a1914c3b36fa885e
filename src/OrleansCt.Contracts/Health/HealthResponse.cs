namespace OrleansCt.Contracts;

/// <summary>GET /health: "ok" (200) when every dependency answers, "failing" (503) otherwise, with each dependency's state.</summary>
public sealed record HealthResponse(string Status, StorageHealthView Storage);
