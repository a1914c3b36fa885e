using Microsoft.Data.Sqlite;
using Orleans;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;
using OrleansCt.Storage.GrainState;

namespace OrleansCt.Storage.Sqlite;

/// <summary>Orleans grain storage in the embedded SQLite file: Orleans binary payloads with an integer ETag per row.</summary>
public sealed class SqliteGrainStorage(SqliteDatabase database, Serializer serializer) : IGrainStorage
{
    private const string SelectRow = "SELECT etag, payload FROM grain_state WHERE grain_type = $type AND grain_id = $id";

    private const string InsertRow = "INSERT INTO grain_state (grain_type, grain_id, etag, payload) VALUES ($type, $id, 1, $payload)";

    // A cleared row keeps its ETag counting (payload NULL), so an activation holding an ETag from before the clear never matches again.
    private const string UpdateRow = "UPDATE grain_state SET etag = etag + 1, payload = $payload WHERE grain_type = $type AND grain_id = $id AND etag = $etag";

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var key = GrainStateKey.Of(stateName, grainId);
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = SelectRow;
        AddKey(command, key);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
            return Task.CompletedTask;
        }

        grainState.ETag = GrainETag.Format(reader.GetInt64(0));
        grainState.RecordExists = !reader.IsDBNull(1);
        if (grainState.RecordExists)
        {
            grainState.State = serializer.Deserialize<T>(reader.GetFieldValue<byte[]>(1));
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var key = GrainStateKey.Of(stateName, grainId);
        var expected = GrainETag.Parse(grainState.ETag, key);
        var payload = serializer.SerializeToArray(grainState.State);
        var version = await database.WriteAsync(scope => Write(scope, key, expected, payload, "write"), cancellationToken).ConfigureAwait(false);
        grainState.ETag = GrainETag.Format(version);
        grainState.RecordExists = true;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var key = GrainStateKey.Of(stateName, grainId);
        var expected = GrainETag.Parse(grainState.ETag, key);
        var version = await database.WriteAsync(scope => Clear(scope, key, expected), cancellationToken).ConfigureAwait(false);
        grainState.ETag = version is { } v ? GrainETag.Format(v) : null;
        grainState.RecordExists = false;
    }

    private static long Write(SqliteWriteScope scope, GrainStateKey key, long? expected, byte[]? payload, string operation)
    {
        if (expected is null)
        {
            var insert = scope.Command(InsertRow);
            AddKey(insert, key);
            insert.Parameters.AddWithValue("$payload", (object?)payload ?? DBNull.Value);
            try
            {
                insert.ExecuteNonQuery();
            }
            catch (SqliteException exception) when (SqliteDatabase.IsUniqueViolation(exception))
            {
                throw GrainETag.Conflict(key, operation, StoredETag(scope, key), expected);
            }

            return 1;
        }

        var update = scope.Command(UpdateRow);
        AddKey(update, key);
        update.Parameters.AddWithValue("$payload", (object?)payload ?? DBNull.Value);
        update.Parameters.AddWithValue("$etag", expected.Value);
        if (update.ExecuteNonQuery() == 0)
        {
            throw GrainETag.Conflict(key, operation, StoredETag(scope, key), expected);
        }

        return expected.Value + 1;
    }

    private static long? Clear(SqliteWriteScope scope, GrainStateKey key, long? expected)
    {
        if (expected is null)
        {
            // The caller saw no row: clearing is a no-op unless another activation has written one since.
            var stored = StoredETag(scope, key);
            return stored is null ? null : throw GrainETag.Conflict(key, "clear", stored, expected);
        }

        return Write(scope, key, expected, null, "clear");
    }

    private static long? StoredETag(SqliteWriteScope scope, GrainStateKey key)
    {
        var select = scope.Command("SELECT etag FROM grain_state WHERE grain_type = $type AND grain_id = $id");
        AddKey(select, key);
        return select.ExecuteScalar() is long etag ? etag : null;
    }

    private static void AddKey(SqliteCommand command, GrainStateKey key)
    {
        command.Parameters.AddWithValue("$type", key.GrainType);
        command.Parameters.AddWithValue("$id", key.GrainId);
    }
}
