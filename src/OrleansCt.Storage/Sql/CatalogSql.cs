namespace OrleansCt.Storage.Sql;

/// <summary>Every statement of the model catalog, written once for both backends.</summary>
internal static class CatalogSql
{
    public const string InsertNew = """
        INSERT INTO models (model, definition, created_ms, updated_ms) VALUES (@model, @definition, @ms, @ms)
        ON CONFLICT (model) DO NOTHING
        """;

    public const string UpdateExisting = "UPDATE models SET definition = @definition, updated_ms = @ms WHERE model = @model";

    public const string SelectOne = SelectEntries + " WHERE model = @model";

    private const string SelectEntries = "SELECT model, definition, created_ms, updated_ms FROM models";

    /// <summary>Every entry, names in code-point order on both backends.</summary>
    public static string SelectAll(SqlDialect dialect) => SelectEntries + " ORDER BY model" + dialect.CodePointCollation;
}
