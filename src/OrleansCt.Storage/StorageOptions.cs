namespace OrleansCt.Storage;

/// <summary>Where the log, catalog and grain state live ("OrleansCt:Storage" in configuration).</summary>
public sealed class StorageOptions
{
    /// <summary>"sqlite" (embedded default) or "postgres".</summary>
    public string Kind { get; set; } = "sqlite";

    /// <summary>Folder of the SQLite files.</summary>
    public string DataPath { get; set; } = "./data";

    /// <summary>Npgsql connection string (postgres).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>SQLite synchronous mode: "full" survives power loss, "normal" survives a process crash.</summary>
    public string SqliteSynchronous { get; set; } = "full";

    /// <summary>
    /// A cap on the SQLite file in pages of 4 KiB (SQLite's max_page_count); null: no cap. A write that would grow the file past
    /// it fails as on a full disk: ingest answers 503 and nothing is half-written. A quota, and how the disk-full tests fill the disk.
    /// </summary>
    public long? SqliteMaxPages { get; set; }
}
