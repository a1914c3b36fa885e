using Microsoft.Data.Sqlite;
using Npgsql;
using OrleansCt.Abstractions.Storage;

namespace OrleansCt.Storage.Faults;

/// <summary>
/// Tells a storage failure (disk full, server stopped, I/O error) from everything else (a conflict, a bug), and turns it into the
/// <see cref="StorageUnavailableException"/> the grains and the HTTP edge understand.
/// </summary>
public static class StorageFault
{
    /// <summary>The failure as a <see cref="StorageUnavailableException"/>, or null when it is not a storage failure.</summary>
    public static StorageUnavailableException? From(Exception exception, string storage)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            StorageUnavailableException unavailable => unavailable,
            SqliteException sqlite when Classify(sqlite) is { } problem => Unavailable(storage, problem, sqlite),
            PostgresException postgres => Classify(postgres) is { } problem ? Unavailable(storage, problem, postgres) : null,
            NpgsqlException npgsql => Unavailable(storage, StorageProblem.Unreachable, npgsql),
            _ => null,
        };
    }

    /// <summary>Runs <paramref name="operation"/>, rethrowing a storage failure (thrown at once or later) as <see cref="StorageUnavailableException"/>.</summary>
    public static async Task<T> Guard<T>(Func<Task<T>> operation, string storage)
    {
        try
        {
            return await operation().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not StorageUnavailableException && From(exception, storage) is { } unavailable)
        {
            throw unavailable;
        }
    }

    /// <inheritdoc cref="Guard{T}(Func{Task{T}}, string)"/>
    public static async Task Guard(Func<Task> operation, string storage)
    {
        try
        {
            await operation().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not StorageUnavailableException && From(exception, storage) is { } unavailable)
        {
            throw unavailable;
        }
    }

    private static StorageProblem? Classify(SqliteException exception) => exception.SqliteErrorCode switch
    {
        SQLitePCL.raw.SQLITE_FULL => StorageProblem.Full,
        SQLitePCL.raw.SQLITE_IOERR or SQLitePCL.raw.SQLITE_CANTOPEN or SQLitePCL.raw.SQLITE_READONLY or SQLitePCL.raw.SQLITE_BUSY
            or SQLitePCL.raw.SQLITE_LOCKED or SQLitePCL.raw.SQLITE_NOMEM or SQLitePCL.raw.SQLITE_CORRUPT or SQLitePCL.raw.SQLITE_NOTADB
            or SQLitePCL.raw.SQLITE_PROTOCOL => StorageProblem.Failing,
        _ => null,
    };

    // PostgreSQL's error classes: 08 connection exception, 53 insufficient resources (53100 disk full), 57P01-57P03 shutting down or
    // not accepting connections, 58 system error (I/O). Anything else (a constraint, a syntax error) is not the storage's fault.
    private static StorageProblem? Classify(PostgresException exception) => exception.SqlState switch
    {
        PostgresErrorCodes.DiskFull => StorageProblem.Full,
        PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow => StorageProblem.Unreachable,
        { } state when state.StartsWith("08", StringComparison.Ordinal) => StorageProblem.Unreachable,
        { } state when state.StartsWith("53", StringComparison.Ordinal) || state.StartsWith("58", StringComparison.Ordinal) => StorageProblem.Failing,
        _ => null,
    };

    private static StorageUnavailableException Unavailable(string storage, StorageProblem problem, Exception inner)
    {
        var what = problem switch
        {
            StorageProblem.Full => "is full",
            StorageProblem.Unreachable => "cannot be reached",
            _ => "is failing",
        };
        return new StorageUnavailableException(storage, problem, $"The {storage} storage {what} ({inner.Message}); nothing of this request was stored.", inner);
    }
}
