using OrleansCt.Abstractions.Models;
using OrleansCt.Core.Validation;

namespace OrleansCt.Abstractions.Ingest;

/// <summary>The answer to a labels request.</summary>
[GenerateSerializer, Immutable, Alias("OrleansCt.LabelsIngestResult")]
public sealed record LabelsIngestResult(
    [property: Id(0)] IngestStatus Status,
    [property: Id(1)] IReadOnlyList<FieldError> Errors,
    [property: Id(2)] AppendLabelsResult? Result);
