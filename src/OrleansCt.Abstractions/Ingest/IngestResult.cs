using OrleansCt.Core.Events;
using OrleansCt.Core.Validation;

namespace OrleansCt.Abstractions.Ingest;

/// <summary>The answer to a predict or events request: one prediction per event, or the errors that rejected the batch.</summary>
[GenerateSerializer, Immutable, Alias("OrleansCt.IngestResult")]
public sealed record IngestResult(
    [property: Id(0)] IngestStatus Status,
    [property: Id(1)] IReadOnlyList<FieldError> Errors,
    [property: Id(2)] string[]? Ids,
    [property: Id(3)] Predictions? Predictions,
    [property: Id(4)] string[]? Versions,
    [property: Id(5)] string[]? Classes,
    [property: Id(6)] int Duplicates)
{
    public static IngestResult Failed(IngestStatus status, IReadOnlyList<FieldError> errors) => new(status, errors, null, null, null, null, 0);
}
