using OrleansCt.Abstractions.Models;

namespace OrleansCt.Abstractions.Training;

/// <summary>A retrain accepted (its record, state "requested"), or refused: an unknown model (NotFound) or a bad request (Invalid, named).</summary>
[GenerateSerializer, Immutable, Alias("OrleansCt.RetrainResult")]
public sealed record RetrainResult(
    [property: Id(0)] ReadStatus Status,
    [property: Id(1)] IReadOnlyList<FieldError> Errors,
    [property: Id(2)] RetrainView? Retrain);
