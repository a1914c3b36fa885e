namespace OrleansCt.Storage.Sql;

/// <summary>The few SQL fragments in which SQLite and PostgreSQL differ; every statement is written once around them.</summary>
/// <remarks>
/// Parameters are not among them: both backends take <c>@name</c> (SQLite also accepts <c>$name</c>, PostgreSQL does not).
/// </remarks>
internal sealed record SqlDialect(
    string Greatest,
    string ByteLength,
    string CodePointCollation,
    string Text,
    string Int16,
    string Int32,
    string Int64,
    string Double,
    string Bytes,
    string IdentityKey,
    string KeyOnlyTable,
    string SchemaPrelude)
{
    // Any fixed number: it names the advisory lock that keeps two processes from creating the tables at once
    // (concurrent CREATE TABLE IF NOT EXISTS can still fail on PostgreSQL's catalog unique index).
    private const long SchemaLock = 0x4F726C43745331;

    /// <summary>
    /// SQLite: scalar <c>max</c>; <c>length</c> of a BLOB is read from the record header (the payload is not loaded); BINARY
    /// collation is the default and orders by code point; an identity key is the rowid itself (which incremental BLOB I/O addresses);
    /// a table that is all key is stored WITHOUT ROWID.
    /// </summary>
    public static readonly SqlDialect Sqlite = new(
        Greatest: "max",
        ByteLength: "length",
        CodePointCollation: "",
        Text: "TEXT",
        Int16: "INTEGER",
        Int32: "INTEGER",
        Int64: "INTEGER",
        Double: "REAL",
        Bytes: "BLOB",
        IdentityKey: "INTEGER PRIMARY KEY",
        KeyOnlyTable: " WITHOUT ROWID",
        SchemaPrelude: "");

    /// <summary>
    /// PostgreSQL: <c>GREATEST</c>; <c>octet_length</c> of a bytea reads the stored length (a TOASTed payload is not fetched);
    /// "C" collation orders by code point whatever the database's locale; an identity key is a generated bigint; the schema is
    /// created under an advisory lock.
    /// </summary>
    public static readonly SqlDialect Postgres = new(
        Greatest: "GREATEST",
        ByteLength: "octet_length",
        CodePointCollation: " COLLATE \"C\"",
        Text: "text",
        Int16: "smallint",
        Int32: "integer",
        Int64: "bigint",
        Double: "double precision",
        Bytes: "bytea",
        IdentityKey: "bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY",
        KeyOnlyTable: "",
        SchemaPrelude: $"SELECT pg_advisory_xact_lock({SchemaLock});");
}
