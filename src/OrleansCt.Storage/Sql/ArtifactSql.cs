namespace OrleansCt.Storage.Sql;

/// <summary>
/// Every statement of the artifact store, written once for both backends. The content column is NULL once an artifact is dropped;
/// its length (read from the row's header on SQLite, from the stored length on PostgreSQL) tells that without reading the bytes.
/// </summary>
internal static class ArtifactSql
{
    /// <summary>The content as a parameter, sent with the statement (PostgreSQL).</summary>
    public const string ContentParameter = "@content";

    /// <summary>Room for the content, written after the statement through incremental BLOB I/O (SQLite).</summary>
    public const string ContentRoom = "zeroblob(@length)";

    /// <summary>The bytes of one row (NULL once dropped), read in a stream (PostgreSQL).</summary>
    public const string SelectContent = "SELECT content FROM artifacts WHERE id = @id";

    public const string Drop = "UPDATE artifacts SET content = NULL WHERE model = @model AND version = @version AND content IS NOT NULL";

    private const string Columns = "SELECT id, model, version, sha256, size, created_ms, ";

    /// <summary>Inserts a new version and returns its id, or nothing when (model, version) is already stored.</summary>
    public static string Insert(string content) => $"""
        INSERT INTO artifacts (model, version, sha256, size, created_ms, content) VALUES (@model, @version, @sha256, @size, @created, {content})
        ON CONFLICT (model, version) DO NOTHING RETURNING id
        """;

    /// <summary>
    /// Puts the content back into a dropped row; one row affected when it did. Only the same bytes reach it: the caller compared
    /// their SHA-256 with the row's first.
    /// </summary>
    public static string Restore(string content) => $"UPDATE artifacts SET content = {content} WHERE id = @id AND content IS NULL";

    /// <summary>One version's row without its content: the columns <see cref="Artifacts.ArtifactRow"/> reads.</summary>
    public static string SelectOne(SqlDialect dialect) => Columns + dialect.ByteLength + "(content) FROM artifacts WHERE model = @model AND version = @version";

    /// <summary>A model's rows without their content, in the order they were put.</summary>
    public static string SelectByModel(SqlDialect dialect) => Columns + dialect.ByteLength + "(content) FROM artifacts WHERE model = @model ORDER BY id";
}
