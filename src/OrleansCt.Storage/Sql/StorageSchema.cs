namespace OrleansCt.Storage.Sql;

/// <summary>The tables of the log, the catalog, the artifacts and the grain state, created by the storage itself on open.</summary>
internal static class StorageSchema
{
    // SQLite: rowid tables rather than WITHOUT ROWID for log and id_index: payloads are large, which SQLite's guidance says suits rowid tables.
    // artifacts: the content last, so every other column (and its length, from the record header) is read without its pages; the
    // id orders a model's versions as they were put, and on SQLite it is the rowid that incremental BLOB I/O opens.
    public static string Create(SqlDialect d) => $"""
        {d.SchemaPrelude}
        CREATE TABLE IF NOT EXISTS log (
            model {d.Text} NOT NULL,
            sequence {d.Int64} NOT NULL,
            kind {d.Int16} NOT NULL,
            first_time {d.Double} NOT NULL,
            last_time {d.Double} NOT NULL,
            count {d.Int32} NOT NULL,
            arrival_ms {d.Int64} NOT NULL,
            payload {d.Bytes} NOT NULL,
            PRIMARY KEY (model, sequence));
        CREATE TABLE IF NOT EXISTS id_index (
            model {d.Text} NOT NULL,
            sequence {d.Int64} NOT NULL,
            arrival_ms {d.Int64} NOT NULL,
            hashes {d.Bytes} NOT NULL,
            PRIMARY KEY (model, sequence));
        CREATE INDEX IF NOT EXISTS id_index_arrival ON id_index (model, arrival_ms);
        CREATE TABLE IF NOT EXISTS batch_index (
            model {d.Text} NOT NULL,
            fingerprint {d.Int64} NOT NULL,
            sequence {d.Int64} NOT NULL,
            arrival_ms {d.Int64} NOT NULL,
            PRIMARY KEY (model, fingerprint, sequence)){d.KeyOnlyTable};
        CREATE INDEX IF NOT EXISTS batch_index_sequence ON batch_index (model, sequence);
        CREATE TABLE IF NOT EXISTS log_trim (
            model {d.Text} NOT NULL PRIMARY KEY,
            trimmed_through {d.Int64} NOT NULL);
        CREATE TABLE IF NOT EXISTS models (
            model {d.Text} NOT NULL PRIMARY KEY,
            definition {d.Text} NOT NULL,
            created_ms {d.Int64} NOT NULL,
            updated_ms {d.Int64} NOT NULL);
        CREATE TABLE IF NOT EXISTS artifacts (
            id {d.IdentityKey},
            model {d.Text} NOT NULL,
            version {d.Text} NOT NULL,
            sha256 {d.Text} NOT NULL,
            size {d.Int64} NOT NULL,
            created_ms {d.Int64} NOT NULL,
            content {d.Bytes},
            UNIQUE (model, version));
        CREATE TABLE IF NOT EXISTS grain_state (
            grain_type {d.Text} NOT NULL,
            grain_id {d.Text} NOT NULL,
            etag {d.Int64} NOT NULL,
            payload {d.Bytes},
            PRIMARY KEY (grain_type, grain_id));
        CREATE TABLE IF NOT EXISTS storage_probe (
            id {d.Int64} NOT NULL PRIMARY KEY,
            payload {d.Bytes} NOT NULL);
        """;
}
