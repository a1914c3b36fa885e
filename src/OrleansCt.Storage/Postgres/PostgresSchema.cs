namespace OrleansCt.Storage.Postgres;

/// <summary>The PostgreSQL tables, created by the storage itself on first use.</summary>
internal static class PostgresSchema
{
    // Any fixed number: it names the advisory lock that keeps two processes from creating the tables at once
    // (concurrent CREATE TABLE IF NOT EXISTS can still fail on PostgreSQL's catalog unique index).
    private const long SchemaLock = 0x4F726C43745331;

    public static readonly string Create = $"""
        SELECT pg_advisory_xact_lock({SchemaLock});
        CREATE TABLE IF NOT EXISTS log (
            model text NOT NULL,
            sequence bigint NOT NULL,
            kind smallint NOT NULL,
            first_time double precision NOT NULL,
            last_time double precision NOT NULL,
            count integer NOT NULL,
            arrival_ms bigint NOT NULL,
            payload bytea NOT NULL,
            PRIMARY KEY (model, sequence));
        CREATE TABLE IF NOT EXISTS id_index (
            model text NOT NULL,
            sequence bigint NOT NULL,
            arrival_ms bigint NOT NULL,
            hashes bytea NOT NULL,
            PRIMARY KEY (model, sequence));
        CREATE INDEX IF NOT EXISTS id_index_arrival ON id_index (model, arrival_ms);
        CREATE TABLE IF NOT EXISTS batch_index (
            model text NOT NULL,
            fingerprint bigint NOT NULL,
            sequence bigint NOT NULL,
            arrival_ms bigint NOT NULL,
            PRIMARY KEY (model, fingerprint, sequence));
        CREATE INDEX IF NOT EXISTS batch_index_sequence ON batch_index (model, sequence);
        CREATE TABLE IF NOT EXISTS log_trim (
            model text NOT NULL PRIMARY KEY,
            trimmed_through bigint NOT NULL);
        CREATE TABLE IF NOT EXISTS models (
            model text NOT NULL PRIMARY KEY,
            definition text NOT NULL,
            created_ms bigint NOT NULL,
            updated_ms bigint NOT NULL);
        CREATE TABLE IF NOT EXISTS grain_state (
            grain_type text NOT NULL,
            grain_id text NOT NULL,
            etag bigint NOT NULL,
            payload bytea,
            PRIMARY KEY (grain_type, grain_id));
        """;
}
