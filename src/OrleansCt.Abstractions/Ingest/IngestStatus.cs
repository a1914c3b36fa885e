namespace OrleansCt.Abstractions.Ingest;

/// <summary>How an ingest request ended; the HTTP edge maps it to a status code.</summary>
[GenerateSerializer, Alias("OrleansCt.IngestStatus")]
public enum IngestStatus
{
    Ok,
    Invalid,
    TooLarge,
    NotFound,
}
