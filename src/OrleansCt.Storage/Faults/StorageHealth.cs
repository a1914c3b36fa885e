using OrleansCt.Abstractions.Storage;
using OrleansCt.Storage.Sql;

namespace OrleansCt.Storage.Faults;

/// <summary>
/// Whether the storage takes writes now, by a probe that writes and deletes a row of several pages (<see cref="ProbeSql"/>).
/// Callers that ask at once share one probe, and a caller may accept a result up to an age it chooses, so a model grain
/// that waits for the storage to come back, or a flood of /health requests, probes at most about once a second.
/// </summary>
public sealed class StorageHealth
{
    private readonly Func<Func<ISqlSession, CancellationToken, Task<bool>>, CancellationToken, Task<bool>> _runWrite;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private Task<StorageStatus>? _latest;

    private StorageHealth(string storage, Func<Func<ISqlSession, CancellationToken, Task<bool>>, CancellationToken, Task<bool>> runWrite, TimeProvider time)
    {
        Storage = storage;
        _runWrite = runWrite;
        _time = time;
    }

    /// <summary>"sqlite" or "postgres".</summary>
    public string Storage { get; }

    /// <summary>The latest probe's result if it is at most <paramref name="maxAge"/> old (or still running); otherwise a new probe's.</summary>
    public Task<StorageStatus> CheckAsync(TimeSpan maxAge)
    {
        lock (_gate)
        {
            if (_latest is { } latest && (!latest.IsCompleted || _time.GetUtcNow() - latest.Result.CheckedAt <= maxAge))
            {
                return latest;
            }

            return _latest = ProbeAsync();
        }
    }

    internal static StorageHealth ForSqlite(Sqlite.SqliteDatabase database, TimeProvider time) =>
        new(StorageKinds.Sqlite, (write, token) => database.WriteAsync(scope => Sqlite.SqliteDatabase.Finish(write(scope, CancellationToken.None)), token), time);

    internal static StorageHealth ForPostgres(Postgres.PostgresDatabase database, TimeProvider time) =>
        new(StorageKinds.Postgres, database.RunAsync, time);

    private async Task<StorageStatus> ProbeAsync()
    {
        // A stopped server can take its connect timeout to refuse; /health must answer sooner than that.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5), _time);
        try
        {
            await _runWrite(ProbeSql.RunAsync, timeout.Token).ConfigureAwait(false);
            return new StorageStatus(Storage, null, null, _time.GetUtcNow());
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return new StorageStatus(Storage, StorageProblem.Unreachable, "the probe did not finish within 5 s", _time.GetUtcNow());
        }
        catch (Exception exception)
        {
            // Whatever stops the probe stops a write too; a failure that is not a known storage fault still counts as failing.
            var unavailable = StorageFault.From(exception, Storage);
            return new StorageStatus(Storage, unavailable?.Problem ?? StorageProblem.Failing, (unavailable?.InnerException ?? exception).Message, _time.GetUtcNow());
        }
    }
}
