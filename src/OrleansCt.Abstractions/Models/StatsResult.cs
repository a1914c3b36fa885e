namespace OrleansCt.Abstractions.Models;

/// <summary>A stats answer, or why there is none (unknown model, bad window).</summary>
[GenerateSerializer, Immutable, Alias("OrleansCt.StatsResult")]
public sealed record StatsResult(
    [property: Id(0)] ReadStatus Status,
    [property: Id(1)] IReadOnlyList<FieldError> Errors,
    [property: Id(2)] StatsResponse? Stats);
