using OrleansCt.Core.Validation;

namespace OrleansCt.Abstractions.Models;

/// <summary>A stats answer as JSON, or why there is none (unknown model, bad window).</summary>
[GenerateSerializer, Immutable, Alias("OrleansCt.StatsResult")]
public sealed record StatsResult(
    [property: Id(0)] bool Found,
    [property: Id(1)] IReadOnlyList<FieldError> Errors,
    [property: Id(2)] byte[]? Json);
