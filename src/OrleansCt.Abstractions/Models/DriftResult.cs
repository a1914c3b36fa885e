namespace OrleansCt.Abstractions.Models;

/// <summary>Drift scores over time, or NotFound for an unknown model.</summary>
[GenerateSerializer, Immutable, Alias("OrleansCt.DriftResult")]
public sealed record DriftResult(
    [property: Id(0)] ReadStatus Status,
    [property: Id(1)] DriftResponse? Drift);
