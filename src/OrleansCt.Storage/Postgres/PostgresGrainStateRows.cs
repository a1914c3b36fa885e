using Npgsql;
using NpgsqlTypes;
using OrleansCt.Storage.GrainState;
using OrleansCt.Storage.Sql;

namespace OrleansCt.Storage.Postgres;

/// <summary>grain_state rows in PostgreSQL: one statement on a pooled connection each, no transaction needed.</summary>
internal sealed class PostgresGrainStateRows(PostgresDatabase database) : IGrainStateRows
{
    public async Task<GrainStateRow?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var select = WithKey(new NpgsqlCommand(GrainStateSql.SelectRow, connection), key);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new GrainStateRow(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<byte[]>(1))
            : null;
    }

    public async Task<bool> InsertIfAbsentAsync(GrainStateKey key, byte[] payload, CancellationToken cancellationToken)
    {
        try
        {
            return await ExecuteAsync(GrainStateSql.InsertRow, key, payload, null, cancellationToken).ConfigureAwait(false) == 1;
        }
        catch (PostgresException exception) when (PostgresDatabase.IsUniqueViolation(exception))
        {
            return false;
        }
    }

    public async Task<bool> UpdateIfMatchAsync(GrainStateKey key, long etag, byte[] payload, CancellationToken cancellationToken) =>
        await ExecuteAsync(GrainStateSql.UpdateRow, key, payload, etag, cancellationToken).ConfigureAwait(false) == 1;

    public async Task<bool> ClearIfMatchAsync(GrainStateKey key, long etag, CancellationToken cancellationToken) =>
        await ExecuteAsync(GrainStateSql.UpdateRow, key, null, etag, cancellationToken).ConfigureAwait(false) == 1;

    private async Task<int> ExecuteAsync(string sql, GrainStateKey key, byte[]? payload, long? etag, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = WithKey(new NpgsqlCommand(sql, connection), key);

        // Typed, so that a NULL payload (a clear) is a bytea NULL.
        command.Parameters.Add(new NpgsqlParameter("payload", NpgsqlDbType.Bytea) { Value = (object?)payload ?? DBNull.Value });
        if (etag is { } expected)
        {
            command.Parameters.AddWithValue("etag", expected);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static NpgsqlCommand WithKey(NpgsqlCommand command, GrainStateKey key)
    {
        command.Parameters.AddWithValue("type", key.GrainType);
        command.Parameters.AddWithValue("id", key.GrainId);
        return command;
    }
}
