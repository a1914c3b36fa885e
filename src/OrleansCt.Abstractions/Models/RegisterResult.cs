using OrleansCt.Core.Schema;
using OrleansCt.Core.Validation;

namespace OrleansCt.Abstractions.Models;

/// <summary>The outcome of PUT /v1/models/{model}: the stored definition, or why it was refused.</summary>
[GenerateSerializer, Immutable, Alias("OrleansCt.RegisterResult")]
public sealed record RegisterResult(
    [property: Id(0)] RegisterStatus Status,
    [property: Id(1)] ModelDefinition? Definition,
    [property: Id(2)] IReadOnlyList<FieldError> Errors);
