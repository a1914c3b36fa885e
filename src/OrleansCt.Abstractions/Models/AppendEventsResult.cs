using OrleansCt.Core.Events;

namespace OrleansCt.Abstractions.Models;

/// <summary>
/// The answer for every event of a submission, in order: fresh predictions for new ids, the stored ones for ids
/// already logged. <see cref="Fresh"/> carries a newer snapshot when the caller's is out of date.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansCt.AppendEventsResult")]
public sealed record AppendEventsResult(
    [property: Id(0)] AppendStatus Status,
    [property: Id(1)] Predictions? Answers,
    [property: Id(2)] string[]? Versions,
    [property: Id(3)] int Stored,
    [property: Id(4)] int Duplicates,
    [property: Id(5)] long Sequence,
    [property: Id(6)] ModelSnapshot? Fresh,
    [property: Id(7)] IReadOnlyList<FieldError>? Errors = null);
