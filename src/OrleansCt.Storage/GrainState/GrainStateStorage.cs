using Orleans;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;

namespace OrleansCt.Storage.GrainState;

/// <summary>Orleans grain storage with an integer ETag per row and Orleans binary payloads; each backend brings its rows.</summary>
public abstract class GrainStateStorage : IGrainStorage
{
    private readonly IGrainStateRows _rows;
    private readonly Serializer _serializer;

    private protected GrainStateStorage(IGrainStateRows rows, Serializer serializer, string storage)
    {
        _rows = new Faults.GuardedGrainStateRows(rows, storage);
        _serializer = serializer;
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var row = await _rows.ReadAsync(GrainStateKey.Of(stateName, grainId), cancellationToken).ConfigureAwait(false);
        grainState.ETag = row is { } stored ? GrainETag.Format(stored.ETag) : null;
        grainState.RecordExists = row?.Payload is not null;
        if (row?.Payload is { } payload)
        {
            grainState.State = _serializer.Deserialize<T>(payload);
        }
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var key = GrainStateKey.Of(stateName, grainId);
        var expected = GrainETag.Parse(grainState.ETag, key);
        var payload = _serializer.SerializeToArray(grainState.State);
        var written = expected is { } etag
            ? await _rows.UpdateIfMatchAsync(key, etag, payload, cancellationToken).ConfigureAwait(false)
            : await _rows.InsertIfAbsentAsync(key, payload, cancellationToken).ConfigureAwait(false);
        if (!written)
        {
            throw await ConflictAsync(key, "write", expected, cancellationToken).ConfigureAwait(false);
        }

        grainState.ETag = GrainETag.Format((expected ?? 0) + 1);
        grainState.RecordExists = true;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var key = GrainStateKey.Of(stateName, grainId);
        var expected = GrainETag.Parse(grainState.ETag, key);
        if (expected is { } etag)
        {
            if (!await _rows.ClearIfMatchAsync(key, etag, cancellationToken).ConfigureAwait(false))
            {
                throw await ConflictAsync(key, "clear", expected, cancellationToken).ConfigureAwait(false);
            }

            grainState.ETag = GrainETag.Format(etag + 1);
        }
        else if (await _rows.ReadAsync(key, cancellationToken).ConfigureAwait(false) is { } stored)
        {
            // The caller saw no row: clearing is a no-op unless another activation has written one since.
            throw GrainETag.Conflict(key, "clear", stored.ETag, expected);
        }
        else
        {
            grainState.ETag = null;
        }

        grainState.RecordExists = false;
    }

    // The one place a stale ETag becomes InconsistentStateException; the stored ETag is read again only to say what it is.
    private async Task<InconsistentStateException> ConflictAsync(GrainStateKey key, string operation, long? expected, CancellationToken cancellationToken)
    {
        var stored = await _rows.ReadAsync(key, cancellationToken).ConfigureAwait(false);
        return GrainETag.Conflict(key, operation, stored?.ETag, expected);
    }
}
