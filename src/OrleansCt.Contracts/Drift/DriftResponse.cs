namespace OrleansCt.Contracts;

/// <summary>GET /v1/models/{model}/drift: every feature's scores over time, one point per window the history can end.</summary>
public sealed record DriftResponse(string Model, int ReferenceRevision, double WindowSeconds, IReadOnlyList<DriftEvaluation> Points);
