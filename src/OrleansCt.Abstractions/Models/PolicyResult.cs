namespace OrleansCt.Abstractions.Models;

/// <summary>The policy in force after a change (or a read), or why not: NotFound (unknown model) or Invalid (each field named; nothing logged).</summary>
[GenerateSerializer, Immutable, Alias("OrleansCt.PolicyResult")]
public sealed record PolicyResult(
    [property: Id(0)] ReadStatus Status,
    [property: Id(1)] IReadOnlyList<FieldError> Errors,
    [property: Id(2)] PolicyView? Policy);
