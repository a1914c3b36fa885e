namespace OrleansCt.Abstractions.Models;

/// <summary>
/// POST /v1/models/{model}/reference: the reference as CSV rows (header first; the target column gives labels), or the
/// model's own events of an event-time range [From, To); Accept makes the inferred schema's bounds and optionality the model's;
/// ChunkRows is the chunk size of the reference-chunk thresholds (default: the events a drift window holds, see ChunkThresholds.DefaultRows).
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansCt.ReferenceSubmission")]
public sealed record ReferenceSubmission(
    [property: Id(0)] byte[]? Csv,
    [property: Id(1)] double? From,
    [property: Id(2)] double? To,
    [property: Id(3)] bool Accept,
    [property: Id(4)] int? ChunkRows = null);
