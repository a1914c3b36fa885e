namespace OrleansCt.Storage.Sqlite;

/// <summary>The SQLite tables, created by the storage itself on open.</summary>
internal static class SqliteSchema
{
    // Rowid tables rather than WITHOUT ROWID: payloads are large, which SQLite's guidance says suits rowid tables.
    public const string Create = """
        CREATE TABLE IF NOT EXISTS log (
            model TEXT NOT NULL,
            sequence INTEGER NOT NULL,
            kind INTEGER NOT NULL,
            first_time REAL NOT NULL,
            last_time REAL NOT NULL,
            count INTEGER NOT NULL,
            arrival_ms INTEGER NOT NULL,
            payload BLOB NOT NULL,
            PRIMARY KEY (model, sequence));
        CREATE TABLE IF NOT EXISTS id_index (
            model TEXT NOT NULL,
            sequence INTEGER NOT NULL,
            arrival_ms INTEGER NOT NULL,
            hashes BLOB NOT NULL,
            PRIMARY KEY (model, sequence));
        CREATE INDEX IF NOT EXISTS id_index_arrival ON id_index (model, arrival_ms);
        CREATE TABLE IF NOT EXISTS batch_index (
            model TEXT NOT NULL,
            fingerprint INTEGER NOT NULL,
            sequence INTEGER NOT NULL,
            arrival_ms INTEGER NOT NULL,
            PRIMARY KEY (model, fingerprint, sequence)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS batch_index_sequence ON batch_index (model, sequence);
        CREATE TABLE IF NOT EXISTS log_trim (
            model TEXT NOT NULL PRIMARY KEY,
            trimmed_through INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS models (
            model TEXT NOT NULL PRIMARY KEY,
            definition TEXT NOT NULL,
            created_ms INTEGER NOT NULL,
            updated_ms INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS grain_state (
            grain_type TEXT NOT NULL,
            grain_id TEXT NOT NULL,
            etag INTEGER NOT NULL,
            payload BLOB,
            PRIMARY KEY (grain_type, grain_id));
        """;
}
