using OrleansCt.Abstractions.Models;

namespace OrleansCt.Abstractions.Registry;

/// <summary>An alias move committed at the log sequence of its control entry, or why it was refused (nothing changed hands then).</summary>
[GenerateSerializer, Immutable, Alias("OrleansCt.AliasResult")]
public sealed record AliasResult(
    [property: Id(0)] ReadStatus Status,
    [property: Id(1)] IReadOnlyList<FieldError> Errors,
    [property: Id(2)] AliasMoveView? Move,
    [property: Id(3)] string? ReferenceProblem = null);
