namespace OrleansCt.Storage;

/// <summary>Where the log, catalog, artifacts and grain state live ("OrleansCt:Storage" in configuration).</summary>
public sealed class StorageOptions
{
    /// <summary>The default <see cref="MaxArtifactBytes"/>: 64 MiB, ample for ML.NET model zips (typically 10 KB to 5 MB).</summary>
    public const long DefaultMaxArtifactBytes = 64L * 1024 * 1024;

    /// <summary>
    /// The largest <see cref="MaxArtifactBytes"/> allowed: 512 MiB, well inside what one value may hold on either backend (SQLite's
    /// default limit is 1,000,000,000 bytes for a BLOB and its row, PostgreSQL's 1 GB for a bytea and the message carrying it).
    /// </summary>
    public const long LargestMaxArtifactBytes = 512L * 1024 * 1024;

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

    /// <summary>The largest model artifact the store takes, in bytes; a larger one is refused and nothing of it is stored.</summary>
    public long MaxArtifactBytes { get; set; } = DefaultMaxArtifactBytes;

    /// <summary>Throws unless <paramref name="maxArtifactBytes"/> is between 1 and <see cref="LargestMaxArtifactBytes"/>.</summary>
    internal static void CheckMaxArtifactBytes(long maxArtifactBytes)
    {
        if (maxArtifactBytes is <= 0 or > LargestMaxArtifactBytes)
        {
            throw new ArgumentOutOfRangeException(
                nameof(maxArtifactBytes),
                maxArtifactBytes,
                $"OrleansCt:Storage:MaxArtifactBytes is {maxArtifactBytes}: give a positive number of bytes up to {LargestMaxArtifactBytes} (512 MiB); the default is {DefaultMaxArtifactBytes} (64 MiB).");
        }
    }
}
