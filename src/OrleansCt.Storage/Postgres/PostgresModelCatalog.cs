using Npgsql;
using OrleansCt.Storage.Catalog;

namespace OrleansCt.Storage.Postgres;

/// <summary>The model catalog in PostgreSQL.</summary>
public sealed class PostgresModelCatalog(PostgresDatabase database) : IModelCatalog
{
    private const string SelectEntries = "SELECT model, definition, created_ms, updated_ms FROM models";

    public async Task<bool> UpsertAsync(string model, string definitionJson, long unixMs, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        ArgumentNullException.ThrowIfNull(definitionJson);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);

        // Insert-or-nothing first: its row count says whether the model is new. Models are never deleted, so a row
        // that blocked the insert is still there for the update.
        await using (var insert = new NpgsqlCommand(
            """
            INSERT INTO models (model, definition, created_ms, updated_ms) VALUES (@model, @definition, @ms, @ms)
            ON CONFLICT (model) DO NOTHING
            """,
            connection))
        {
            AddValues(insert, model, definitionJson, unixMs);
            if (await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
            {
                return true;
            }
        }

        await using var update = new NpgsqlCommand("UPDATE models SET definition = @definition, updated_ms = @ms WHERE model = @model", connection);
        AddValues(update, model, definitionJson, unixMs);
        await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return false;
    }

    public async Task<CatalogEntry?> GetAsync(string model, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(SelectEntries + " WHERE model = @model", connection);
        command.Parameters.AddWithValue("model", model);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadEntry(reader) : null;
    }

    public async Task<IReadOnlyList<CatalogEntry>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);

        // "C" collation: code-point order whatever the database's locale, the same order SQLite gives.
        await using var command = new NpgsqlCommand(SelectEntries + " ORDER BY model COLLATE \"C\"", connection);
        var entries = new List<CatalogEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(ReadEntry(reader));
        }

        return entries;
    }

    private static void AddValues(NpgsqlCommand command, string model, string definitionJson, long unixMs)
    {
        command.Parameters.AddWithValue("model", model);
        command.Parameters.AddWithValue("definition", definitionJson);
        command.Parameters.AddWithValue("ms", unixMs);
    }

    private static CatalogEntry ReadEntry(NpgsqlDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3));
}
