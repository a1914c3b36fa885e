using Microsoft.Data.Sqlite;
using OrleansCt.Storage.Catalog;

namespace OrleansCt.Storage.Sqlite;

/// <summary>The model catalog in the embedded SQLite file.</summary>
public sealed class SqliteModelCatalog(SqliteDatabase database) : IModelCatalog
{
    private const string InsertNew = """
        INSERT INTO models (model, definition, created_ms, updated_ms) VALUES ($model, $definition, $ms, $ms)
        ON CONFLICT (model) DO NOTHING
        """;

    private const string UpdateExisting = "UPDATE models SET definition = $definition, updated_ms = $ms WHERE model = $model";

    private const string SelectEntries = "SELECT model, definition, created_ms, updated_ms FROM models";

    public Task<bool> UpsertAsync(string model, string definitionJson, long unixMs, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        ArgumentNullException.ThrowIfNull(definitionJson);
        return database.WriteAsync(scope => Upsert(scope, model, definitionJson, unixMs), cancellationToken);
    }

    public Task<CatalogEntry?> GetAsync(string model, CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = SelectEntries + " WHERE model = $model";
        command.Parameters.AddWithValue("$model", model);
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? ReadEntry(reader) : null);
    }

    public Task<IReadOnlyList<CatalogEntry>> ListAsync(CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();

        // BINARY collation is SQLite's default: names order by code point, as PostgreSQL's "C" ordering in the other backend.
        command.CommandText = SelectEntries + " ORDER BY model";
        var entries = new List<CatalogEntry>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            entries.Add(ReadEntry(reader));
        }

        return Task.FromResult<IReadOnlyList<CatalogEntry>>(entries);
    }

    private static bool Upsert(SqliteWriteScope scope, string model, string definitionJson, long unixMs)
    {
        // Insert-or-nothing first: its row count says whether the model is new, without reading first.
        var insert = scope.Command(InsertNew);
        insert.Parameters.AddWithValue("$model", model);
        insert.Parameters.AddWithValue("$definition", definitionJson);
        insert.Parameters.AddWithValue("$ms", unixMs);
        if (insert.ExecuteNonQuery() == 1)
        {
            return true;
        }

        var update = scope.Command(UpdateExisting);
        update.Parameters.AddWithValue("$model", model);
        update.Parameters.AddWithValue("$definition", definitionJson);
        update.Parameters.AddWithValue("$ms", unixMs);
        update.ExecuteNonQuery();
        return false;
    }

    private static CatalogEntry ReadEntry(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3));
}
