using OrleansCt.Abstractions.Models;

namespace OrleansCt.Abstractions.Training;

/// <summary>
/// A reproduction, or why there is none: NotFound (model or version), Invalid (a version that was not trained from the log),
/// Gone (the rows were dropped by retention: the error names the cut).
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansCt.ReproduceResult")]
public sealed record ReproduceResult(
    [property: Id(0)] ReproduceStatus Status,
    [property: Id(1)] IReadOnlyList<FieldError> Errors,
    [property: Id(2)] ReproduceResponse? Reproduction);
