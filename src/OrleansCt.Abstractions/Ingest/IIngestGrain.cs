using OrleansCt.Core.Events;
using OrleansCt.Core.Validation;

namespace OrleansCt.Abstractions.Ingest;

/// <summary>
/// A stateless worker on every silo: validates a request body against the model's schema, predicts with a cached
/// snapshot of the champion, and hands the batch to the model grain. Bodies travel as UTF-8 JSON bytes.
/// </summary>
[Alias("OrleansCt.IIngestGrain")]
public interface IIngestGrain : IGrainWithIntegerKey
{
    [Alias("Ingest")]
    Task<IngestResult> Ingest(string model, BatchKind kind, Immutable<byte[]> body);

    /// <summary>
    /// A batch already in columns (the schema's numeric features, then its categorical ones, in definition order; NaN or null for a
    /// missing value, NaN for "the arrival time" and for "no label"): checked with the rules of the JSON body (BatchValidator), then
    /// as <see cref="Ingest"/>. For .NET callers of the cluster, which skip JSON altogether.
    /// </summary>
    [Alias("IngestColumns")]
    Task<IngestResult> IngestColumns(string model, BatchKind kind, Immutable<EventBatch> batch);

    [Alias("IngestLabels")]
    Task<LabelsIngestResult> IngestLabels(string model, Immutable<byte[]> body);
}
