namespace OrleansCt.Abstractions.Models;

/// <summary>The answer to a reference: set (with what was set), or why not.</summary>
[GenerateSerializer, Immutable, Alias("OrleansCt.ReferenceResult")]
public sealed record ReferenceResult(
    [property: Id(0)] ReferenceStatus Status,
    [property: Id(1)] IReadOnlyList<FieldError> Errors,
    [property: Id(2)] ReferenceResponse? Reference);
