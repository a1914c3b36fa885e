using Microsoft.Data.Sqlite;
using OrleansCt.Storage.GrainState;
using OrleansCt.Storage.Sql;

namespace OrleansCt.Storage.Sqlite;

/// <summary>grain_state rows in the SQLite file: reads on pooled read sessions, writes on the single writer.</summary>
internal sealed class SqliteGrainStateRows(SqliteDatabase database) : IGrainStateRows
{
    public Task<GrainStateRow?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken) =>
        Task.FromResult(database.Read(scope =>
        {
            var select = WithKey(scope.Command(GrainStateSql.SelectRow), key);
            using var reader = select.ExecuteReader();
            return reader.Read() ? new GrainStateRow(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<byte[]>(1)) : (GrainStateRow?)null;
        }));

    public Task<bool> InsertIfAbsentAsync(GrainStateKey key, byte[] payload, CancellationToken cancellationToken) =>
        database.WriteAsync(
            scope =>
            {
                var insert = WithKey(scope.Command(GrainStateSql.InsertRow), key);
                insert.Parameters.AddWithValue("@payload", payload);
                try
                {
                    insert.ExecuteNonQuery();
                    return true;
                }
                catch (SqliteException exception) when (SqliteDatabase.IsUniqueViolation(exception))
                {
                    return false;
                }
            },
            cancellationToken);

    public Task<bool> UpdateIfMatchAsync(GrainStateKey key, long etag, byte[] payload, CancellationToken cancellationToken) =>
        UpdateAsync(key, etag, payload, cancellationToken);

    public Task<bool> ClearIfMatchAsync(GrainStateKey key, long etag, CancellationToken cancellationToken) =>
        UpdateAsync(key, etag, DBNull.Value, cancellationToken);

    private Task<bool> UpdateAsync(GrainStateKey key, long etag, object payload, CancellationToken cancellationToken) =>
        database.WriteAsync(
            scope =>
            {
                var update = WithKey(scope.Command(GrainStateSql.UpdateRow), key);
                update.Parameters.AddWithValue("@payload", payload);
                update.Parameters.AddWithValue("@etag", etag);
                return update.ExecuteNonQuery() == 1;
            },
            cancellationToken);

    private static SqliteCommand WithKey(SqliteCommand command, GrainStateKey key)
    {
        command.Parameters.AddWithValue("@type", key.GrainType);
        command.Parameters.AddWithValue("@id", key.GrainId);
        return command;
    }
}
