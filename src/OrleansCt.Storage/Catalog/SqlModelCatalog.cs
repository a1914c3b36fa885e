using System.Data.Common;
using OrleansCt.Storage.Sql;

namespace OrleansCt.Storage.Catalog;

/// <summary>The model catalog as both backends keep it, over <see cref="CatalogSql"/>; each backend says where its SQL runs.</summary>
public abstract class SqlModelCatalog : IModelCatalog
{
    private readonly string _selectAll;

    private protected SqlModelCatalog(SqlDialect dialect)
    {
        _selectAll = CatalogSql.SelectAll(dialect);
    }

    public Task<bool> UpsertAsync(string model, string definitionJson, long unixMs, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        ArgumentNullException.ThrowIfNull(definitionJson);
        return RunWriteAsync(
            async (session, token) =>
            {
                // Insert-or-nothing first: its row count says whether the model is new, without reading first. Models are never
                // deleted, so a row that blocked the insert is still there for the update.
                var insert = session.Command(CatalogSql.InsertNew).With("@model", model).With("@definition", definitionJson).With("@ms", unixMs);
                if (await insert.ExecuteNonQueryAsync(token).ConfigureAwait(false) == 1)
                {
                    return true;
                }

                var update = session.Command(CatalogSql.UpdateExisting).With("@model", model).With("@definition", definitionJson).With("@ms", unixMs);
                await update.ExecuteNonQueryAsync(token).ConfigureAwait(false);
                return false;
            },
            cancellationToken);
    }

    public Task<CatalogEntry?> GetAsync(string model, CancellationToken cancellationToken = default) =>
        RunReadAsync(
            async (session, token) =>
            {
                await using var reader = await session.Command(CatalogSql.SelectOne).With("@model", model).ExecuteReaderAsync(token).ConfigureAwait(false);
                return await reader.ReadAsync(token).ConfigureAwait(false) ? ReadEntry(reader) : null;
            },
            cancellationToken);

    public Task<IReadOnlyList<CatalogEntry>> ListAsync(CancellationToken cancellationToken = default) =>
        RunReadAsync<IReadOnlyList<CatalogEntry>>(
            async (session, token) =>
            {
                var entries = new List<CatalogEntry>();
                await using var reader = await session.Command(_selectAll).ExecuteReaderAsync(token).ConfigureAwait(false);
                while (await reader.ReadAsync(token).ConfigureAwait(false))
                {
                    entries.Add(ReadEntry(reader));
                }

                return entries;
            },
            cancellationToken);

    /// <summary>Runs <paramref name="read"/> where the backend reads.</summary>
    private protected abstract Task<T> RunReadAsync<T>(Func<ISqlSession, CancellationToken, Task<T>> read, CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="write"/> where the backend writes.</summary>
    private protected abstract Task<T> RunWriteAsync<T>(Func<ISqlSession, CancellationToken, Task<T>> write, CancellationToken cancellationToken);

    private static CatalogEntry ReadEntry(DbDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3));
}
