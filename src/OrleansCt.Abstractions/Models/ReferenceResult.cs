using OrleansCt.Core.Validation;

namespace OrleansCt.Abstractions.Models;

/// <summary>The answer to a reference: "set", "invalid" (400), "notFound" (404) or "conflict" (409, the inferred schema cannot be accepted), and the JSON of a ReferenceView.</summary>
[GenerateSerializer, Immutable, Alias("OrleansCt.ReferenceResult")]
public sealed record ReferenceResult(
    [property: Id(0)] string Status,
    [property: Id(1)] IReadOnlyList<FieldError> Errors,
    [property: Id(2)] byte[]? Json);
