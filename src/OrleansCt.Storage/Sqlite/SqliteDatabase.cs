using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using OrleansCt.Storage.Sql;

namespace OrleansCt.Storage.Sqlite;

/// <summary>
/// The embedded database file shared by the log, the catalog and the grain storage: one writer connection driven by one
/// writer loop that group-commits concurrent writes, and pooled read-only connections for readers.
/// </summary>
public sealed class SqliteDatabase : IAsyncDisposable, IDisposable
{
    /// <summary>The database file inside the data folder.</summary>
    public const string FileName = "orleansct.db";

    // Bounds one transaction so a flood of writes still commits (and acknowledges) in steady steps.
    private const int MaxGroupSize = 512;
    private const string SaveSql = "SAVEPOINT one_write";
    private const string ReleaseSql = "RELEASE one_write";
    private const string RollbackSql = "ROLLBACK TO one_write";

    private readonly SqliteConnection _writer;
    private readonly SqliteWriteScope _scope;
    private readonly string _readConnectionString;
    private readonly System.Collections.Concurrent.ConcurrentBag<SqliteReadScope> _readers = [];
    private readonly Channel<SqliteWrite> _queue = Channel.CreateUnbounded<SqliteWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Thread _writerThread;
    private readonly TaskCompletionSource _writerDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _disposed;
    private long _committedGroups;

    private SqliteDatabase(string filePath, string synchronous, long? maxPages)
    {
        FilePath = filePath;
        _writer = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = filePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        _readConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = filePath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = true,
        }.ToString();

        _writer.Open();
        try
        {
            using var setup = _writer.CreateCommand();
            setup.CommandText = $"PRAGMA journal_mode=WAL; PRAGMA synchronous={synchronous};" + StorageSchema.Create(SqlDialect.Sqlite);
            setup.ExecuteNonQuery();

            // A connection setting, not stored in the file: the writer is the one connection that grows the file.
            if (maxPages is { } pages)
            {
                setup.CommandText = $"PRAGMA max_page_count = {pages}";
                setup.ExecuteNonQuery();
            }
        }
        catch
        {
            _writer.Dispose();
            throw;
        }

        _scope = new SqliteWriteScope(_writer);

        // A thread of its own: the writer blocks in SQLite (and fsync) for every group, which on the thread pool would take one of the
        // few workers a small machine has from the grains, and wait behind them for its next turn.
        _writerThread = new Thread(RunWriter) { IsBackground = true, Name = "OrleansCt SQLite writer" };
        _writerThread.Start();
    }

    /// <summary>The path of the database file.</summary>
    public string FilePath { get; }

    /// <summary>Opens (creating when needed) <see cref="FileName"/> in <paramref name="dataPath"/> and its tables.</summary>
    /// <param name="maxPages">A cap on the file's size in pages (see <see cref="StorageOptions.SqliteMaxPages"/>); null: none.</param>
    public static SqliteDatabase Open(string dataPath, string synchronous = "full", long? maxPages = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataPath);
        var mode = ParseSynchronous(synchronous);
        Directory.CreateDirectory(dataPath);
        return new SqliteDatabase(Path.GetFullPath(Path.Combine(dataPath, FileName)), mode, maxPages);
    }

    /// <summary>
    /// Sets the cap on the file's size in pages while it is open (SQLite keeps it at least the current size); returns the cap now
    /// in force. How an operator raises a quota without a restart, and how the disk-full tests fill the disk and free it again.
    /// </summary>
    public Task<long> SetMaxPagesAsync(long maxPages, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPages);
        return WriteAsync(scope => Convert.ToInt64(scope.Command($"PRAGMA max_page_count = {maxPages}").ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
    }

    /// <summary>The PRAGMA value for a configured synchronous mode; throws for anything but "full" or "normal".</summary>
    public static string ParseSynchronous(string? synchronous) => synchronous?.Trim().ToLowerInvariant() switch
    {
        "full" => "FULL",
        "normal" => "NORMAL",
        _ => throw new ArgumentException(
            $"OrleansCt:Storage:SqliteSynchronous is '{synchronous}': use \"full\" (survives power loss, the default) or \"normal\" (survives a process crash).",
            nameof(synchronous)),
    };

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Writes already queued still commit: their callers were promised an answer.
        _queue.Writer.TryComplete();
        await _writerDone.Task.ConfigureAwait(false);
        _scope.Dispose();
        _writer.Dispose();
        while (_readers.TryTake(out var session))
        {
            session.Dispose();
        }

        // Pooled readers would otherwise keep the file (and its WAL) open after the owner is gone.
        using var reader = new SqliteConnection(_readConnectionString);
        SqliteConnection.ClearPool(reader);
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Queues <paramref name="work"/> for the writer loop; completes after the group holding it commits.</summary>
    internal async Task<T> WriteAsync<T>(Func<SqliteWriteScope, T> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var write = new SqliteWrite(scope => work(scope), cancellationToken);
        if (!_queue.Writer.TryWrite(write))
        {
            throw new ObjectDisposedException(nameof(SqliteDatabase), $"The database {FilePath} is closed.");
        }

        return (T)(await write.Outcome.ConfigureAwait(false))!;
    }

    /// <summary>How many group transactions have committed (tests use it to see writes share one).</summary>
    internal long CommittedGroups => Interlocked.Read(ref _committedGroups);

    /// <summary>
    /// Runs <paramref name="read"/> on a read session: an open read-only connection with its prepared commands, taken from a pool and
    /// put back after, so a frequent look-up neither opens a connection nor prepares its statement each time.
    /// </summary>
    internal T Read<T>(Func<SqliteReadScope, T> read)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var scope = _readers.TryTake(out var pooled) ? pooled : new SqliteReadScope(OpenReader());
        try
        {
            var result = read(scope);
            _readers.Add(scope);
            if (Volatile.Read(ref _disposed) != 0 && _readers.TryTake(out var late))
            {
                // Closed while this read ran: the sessions' connections must not outlive the database.
                late.Dispose();
            }

            return result;
        }
        catch
        {
            scope.Dispose();
            throw;
        }
    }

    /// <summary>Runs shared SQL (<see cref="ISqlSession"/>) on a read session, as <see cref="Read"/>.</summary>
    internal Task<T> ReadAsync<T>(Func<ISqlSession, CancellationToken, Task<T>> read, CancellationToken cancellationToken) =>
        Read(scope =>
        {
            // Finished here, before the session goes back to the pool; a failure throws inside Read, which then drops the session.
            var task = read(scope, cancellationToken);
            return task.IsCompletedSuccessfully ? task : Task.FromResult(Finish(task));
        });

    /// <summary>
    /// Runs shared SQL on a read session inside one read transaction, so its statements (and BLOB reads beside them) all see the same
    /// snapshot: a write committed between two of them is not half seen.
    /// </summary>
    internal Task<T> ReadSnapshotAsync<T>(Func<ISqlSession, CancellationToken, Task<T>> read, CancellationToken cancellationToken) =>
        Read(scope =>
        {
            // Deferred: a read-only connection cannot take the write lock; the snapshot starts at the first read. Rolled back on dispose.
            using var transaction = scope.Connection.BeginTransaction(deferred: true);
            scope.Transaction = transaction;
            try
            {
                return Task.FromResult(Finish(read(scope, cancellationToken)));
            }
            finally
            {
                scope.Transaction = null;
            }
        });

    /// <summary>
    /// The result of shared async SQL run on a SQLite session. Microsoft.Data.Sqlite runs its async methods synchronously, so the
    /// task has finished by the time it is returned and this does not block; it is a wait only should that ever change.
    /// </summary>
    internal static T Finish<T>(Task<T> task) => task.GetAwaiter().GetResult();

    /// <summary>An open connection from the read pool; it sees every write that has been acknowledged.</summary>
    internal SqliteConnection OpenReader()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var connection = new SqliteConnection(_readConnectionString);
        connection.Open();
        return connection;
    }

    internal static bool IsUniqueViolation(SqliteException exception) =>
        exception.SqliteErrorCode == SQLitePCL.raw.SQLITE_CONSTRAINT
        && exception.SqliteExtendedErrorCode is SQLitePCL.raw.SQLITE_CONSTRAINT_PRIMARYKEY or SQLitePCL.raw.SQLITE_CONSTRAINT_UNIQUE;

    private void RunWriter()
    {
        try
        {
            var group = new List<SqliteWrite>(MaxGroupSize);
            var executed = new List<SqliteWrite>(MaxGroupSize);
            while (WaitForWrites())
            {
                while (group.Count < MaxGroupSize && _queue.Reader.TryRead(out var write))
                {
                    group.Add(write);
                }

                CommitGroup(group, executed);
                group.Clear();
                executed.Clear();
            }

            _writerDone.TrySetResult();
        }
        catch (Exception exception)
        {
            _writerDone.TrySetException(exception);
        }
    }

    // Blocks this thread (and only it) until a write is queued; false once the queue is completed and drained.
    private bool WaitForWrites()
    {
        var waiting = _queue.Reader.WaitToReadAsync();
        return waiting.IsCompleted ? waiting.Result : waiting.AsTask().GetAwaiter().GetResult();
    }

    private void CommitGroup(List<SqliteWrite> group, List<SqliteWrite> executed)
    {
        try
        {
            using var transaction = _writer.BeginTransaction();
            _scope.Transaction = transaction;
            foreach (var write in group)
            {
                if (write.IsCancellationRequested)
                {
                    write.Cancel();
                    continue;
                }

                // A savepoint per write: a conflict undoes only that write, and the rest of the group still commits. Run through the
                // scope's prepared commands (SqliteTransaction.Save prepares its statement anew every time).
                _scope.Execute(SaveSql);
                try
                {
                    write.Execute(_scope);
                }
                catch (Exception) when (SQLitePCL.raw.sqlite3_get_autocommit(_writer.Handle) != 0)
                {
                    // SQLite rolled the whole transaction back by itself (a full disk, an I/O error): the writes before this one in the
                    // group are gone too, so the group fails whole, with this error.
                    throw;
                }
                catch (Exception exception)
                {
                    _scope.Execute(RollbackSql);
                    _scope.Execute(ReleaseSql);
                    write.Fail(exception);
                    continue;
                }

                _scope.Execute(ReleaseSql);
                executed.Add(write);
            }

            transaction.Commit();
            Interlocked.Increment(ref _committedGroups);
        }
        catch (Exception exception)
        {
            // The group itself did not commit (I/O error, disk full): nothing in it is stored, so no write in it may succeed.
            foreach (var write in group)
            {
                write.Fail(exception);
            }

            return;
        }
        finally
        {
            _scope.Transaction = null;
        }

        foreach (var write in executed)
        {
            write.Succeed();
        }
    }
}
