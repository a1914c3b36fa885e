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

    [Alias("IngestLabels")]
    Task<LabelsIngestResult> IngestLabels(string model, Immutable<byte[]> body);
}
