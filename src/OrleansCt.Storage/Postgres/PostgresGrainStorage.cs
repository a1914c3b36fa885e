using Npgsql;
using NpgsqlTypes;
using Orleans;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;
using OrleansCt.Storage.GrainState;

namespace OrleansCt.Storage.Postgres;

/// <summary>Orleans grain storage in PostgreSQL: Orleans binary payloads with an integer ETag per row.</summary>
public sealed class PostgresGrainStorage(PostgresDatabase database, Serializer serializer) : IGrainStorage
{
    private const string SelectETag = "SELECT etag FROM grain_state WHERE grain_type = @type AND grain_id = @id";

    private const string InsertRow = "INSERT INTO grain_state (grain_type, grain_id, etag, payload) VALUES (@type, @id, 1, @payload)";

    // A cleared row keeps its ETag counting (payload NULL), so an activation holding an ETag from before the clear never matches again.
    private const string UpdateRow = "UPDATE grain_state SET etag = etag + 1, payload = @payload WHERE grain_type = @type AND grain_id = @id AND etag = @etag";

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var key = GrainStateKey.Of(stateName, grainId);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT etag, payload FROM grain_state WHERE grain_type = @type AND grain_id = @id", connection);
        AddKey(command, key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        grainState.ETag = GrainETag.Format(reader.GetInt64(0));
        grainState.RecordExists = !reader.IsDBNull(1);
        if (grainState.RecordExists)
        {
            grainState.State = serializer.Deserialize<T>(reader.GetFieldValue<byte[]>(1));
        }
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var key = GrainStateKey.Of(stateName, grainId);
        var expected = GrainETag.Parse(grainState.ETag, key);
        var payload = serializer.SerializeToArray(grainState.State);
        var version = await WriteAsync(key, expected, payload, "write", cancellationToken).ConfigureAwait(false);
        grainState.ETag = GrainETag.Format(version);
        grainState.RecordExists = true;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var key = GrainStateKey.Of(stateName, grainId);
        var expected = GrainETag.Parse(grainState.ETag, key);
        if (expected is null)
        {
            // The caller saw no row: clearing is a no-op unless another activation has written one since.
            await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (await StoredETagAsync(connection, key, cancellationToken).ConfigureAwait(false) is { } stored)
            {
                throw GrainETag.Conflict(key, "clear", stored, expected);
            }

            grainState.ETag = null;
        }
        else
        {
            grainState.ETag = GrainETag.Format(await WriteAsync(key, expected, null, "clear", cancellationToken).ConfigureAwait(false));
        }

        grainState.RecordExists = false;
    }

    private async Task<long> WriteAsync(GrainStateKey key, long? expected, byte[]? payload, string operation, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(expected is null ? InsertRow : UpdateRow, connection);
        AddKey(command, key);
        command.Parameters.Add(new NpgsqlParameter("payload", NpgsqlDbType.Bytea) { Value = (object?)payload ?? DBNull.Value });
        if (expected is null)
        {
            try
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                return 1;
            }
            catch (PostgresException exception) when (PostgresDatabase.IsUniqueViolation(exception))
            {
                throw GrainETag.Conflict(key, operation, await StoredETagAsync(connection, key, cancellationToken).ConfigureAwait(false), expected);
            }
        }

        command.Parameters.AddWithValue("etag", expected.Value);
        if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
        {
            throw GrainETag.Conflict(key, operation, await StoredETagAsync(connection, key, cancellationToken).ConfigureAwait(false), expected);
        }

        return expected.Value + 1;
    }

    private static async Task<long?> StoredETagAsync(NpgsqlConnection connection, GrainStateKey key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(SelectETag, connection);
        AddKey(command, key);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long etag ? etag : null;
    }

    private static void AddKey(NpgsqlCommand command, GrainStateKey key)
    {
        command.Parameters.AddWithValue("type", key.GrainType);
        command.Parameters.AddWithValue("id", key.GrainId);
    }
}
