namespace OrleansCt.Abstractions.Models;

/// <summary>
/// What became of a promotion: logged at <see cref="Sequence"/> (also when it had been logged before, for a move driven again),
/// with the log's event time there; or refused, with why (unknown model, an artifact that does not load against the schema).
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansCt.PromoteResult")]
public sealed record PromoteResult(
    [property: Id(0)] PromoteStatus Status,
    [property: Id(1)] long Sequence,
    [property: Id(2)] double? EventTime,
    [property: Id(3)] IReadOnlyList<FieldError> Errors,
    [property: Id(4)] string? ReferenceProblem = null);
