using Microsoft.Data.Sqlite;
using Npgsql;
using OrleansCt.Abstractions.Storage;
using OrleansCt.Storage.Faults;

namespace OrleansCt.Storage.Tests.Faults;

/// <summary>Which failures are the storage's (503) and which are not (a conflict, a bug), by the codes SQLite and PostgreSQL document.</summary>
public sealed class StorageFaultTests
{
    [Theory]
    [InlineData(13, StorageProblem.Full)] // SQLITE_FULL: database or disk is full
    [InlineData(10, StorageProblem.Failing)] // SQLITE_IOERR
    [InlineData(14, StorageProblem.Failing)] // SQLITE_CANTOPEN
    [InlineData(8, StorageProblem.Failing)] // SQLITE_READONLY
    [InlineData(5, StorageProblem.Failing)] // SQLITE_BUSY
    [InlineData(11, StorageProblem.Failing)] // SQLITE_CORRUPT
    public void Sqlite_errors_of_the_disk_are_storage_failures(int code, StorageProblem problem)
    {
        var unavailable = StorageFault.From(new SqliteException("boom", code), StorageKinds.Sqlite);
        Assert.NotNull(unavailable);
        Assert.Equal((StorageKinds.Sqlite, problem), (unavailable.Storage, unavailable.Problem));
        Assert.IsType<SqliteException>(unavailable.InnerException);
    }

    [Theory]
    [InlineData(19)] // SQLITE_CONSTRAINT: a conflict, answered by the caller
    [InlineData(1)] // SQLITE_ERROR: a bad statement is a bug
    public void Sqlite_errors_of_the_statement_are_not(int code) =>
        Assert.Null(StorageFault.From(new SqliteException("boom", code), StorageKinds.Sqlite));

    [Theory]
    [InlineData("53100", StorageProblem.Full)] // disk_full
    [InlineData("53200", StorageProblem.Failing)] // out_of_memory
    [InlineData("57P01", StorageProblem.Unreachable)] // admin_shutdown
    [InlineData("57P03", StorageProblem.Unreachable)] // cannot_connect_now
    [InlineData("08006", StorageProblem.Unreachable)] // connection_failure
    [InlineData("58030", StorageProblem.Failing)] // io_error
    public void Postgres_errors_of_the_server_are_storage_failures(string sqlState, StorageProblem problem)
    {
        var unavailable = StorageFault.From(new PostgresException("boom", "FATAL", "FATAL", sqlState), StorageKinds.Postgres);
        Assert.NotNull(unavailable);
        Assert.Equal(problem, unavailable.Problem);
    }

    [Theory]
    [InlineData("23505")] // unique_violation
    [InlineData("42601")] // syntax_error
    [InlineData("40001")] // serialization_failure
    public void Postgres_errors_of_the_statement_are_not(string sqlState) =>
        Assert.Null(StorageFault.From(new PostgresException("boom", "ERROR", "ERROR", sqlState), StorageKinds.Postgres));

    [Fact]
    public void A_connection_that_cannot_be_made_is_unreachable_and_other_exceptions_are_not_the_storage()
    {
        Assert.Equal(StorageProblem.Unreachable, StorageFault.From(new NpgsqlException("Failed to connect"), StorageKinds.Postgres)!.Problem);
        Assert.Null(StorageFault.From(new InvalidOperationException("a bug"), StorageKinds.Sqlite));
        Assert.Null(StorageFault.From(new ObjectDisposedException("db"), StorageKinds.Sqlite));
    }

    [Fact]
    public async Task Guard_turns_a_failure_thrown_at_once_or_later_into_storage_unavailable()
    {
        var atOnce = await Assert.ThrowsAsync<StorageUnavailableException>(() =>
            StorageFault.Guard<int>(() => throw new SqliteException("disk full", 13), StorageKinds.Sqlite));
        Assert.Equal(StorageProblem.Full, atOnce.Problem);
        var later = await Assert.ThrowsAsync<StorageUnavailableException>(() =>
            StorageFault.Guard(async () => { await Task.Yield(); throw new NpgsqlException("Failed to connect"); }, StorageKinds.Postgres));
        Assert.Equal(StorageProblem.Unreachable, later.Problem);
        await Assert.ThrowsAsync<InvalidOperationException>(() => StorageFault.Guard(() => throw new InvalidOperationException("a bug"), StorageKinds.Sqlite));
    }
}
