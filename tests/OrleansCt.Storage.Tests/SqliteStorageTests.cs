using OrleansCt.Storage.Log;
using OrleansCt.Storage.Sqlite;
using OrleansCt.Testing;

namespace OrleansCt.Storage.Tests;

/// <summary>The storage contract on the embedded SQLite file, plus what only the single writer promises.</summary>
public sealed class SqliteStorageTests : StorageContract
{
    private readonly string _folder = TestFolders.Create("sqlite");

    protected override Task<StorageUnderTest> OpenAsync()
    {
        var database = SqliteDatabase.Open(_folder);
        return Task.FromResult(new StorageUnderTest(
            new SqliteEventLog(database),
            new SqliteModelCatalog(database),
            new SqliteArtifactStore(database),
            new SqliteGrainStorage(database, TestSerializer.Instance),
            database));
    }

    protected override Task ExecuteSqlAsync(string sql) =>
        ((SqliteDatabase)Storage.Owner).WriteAsync(scope => scope.Command(sql).ExecuteNonQuery(), CancellationToken.None);

    [Fact]
    public async Task Writes_queued_before_dispose_are_committed_and_writes_after_it_are_refused()
    {
        var queued = Enumerable.Range(1, 50).Select(sequence => Storage.Log.AppendAsync(Entry("m", sequence))).ToArray();

        await Storage.DisposeAsync();

        await Task.WhenAll(queued);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => Storage.Log.AppendAsync(Entry("m", 51)));
        Storage = await OpenAsync();
        Assert.Equal(50, await Storage.Log.LastSequenceAsync("m"));
    }

    [Fact]
    public async Task Writes_queued_while_the_writer_is_busy_commit_as_one_group_and_a_conflict_fails_only_itself()
    {
        var database = (SqliteDatabase)Storage.Owner;
        await Storage.Log.AppendAsync(Entry("m", 1));
        using var gate = new ManualResetEventSlim();
        var writerBusy = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var blocker = database.WriteAsync(
            _ =>
            {
                writerBusy.SetResult();
                return gate.Wait(TimeSpan.FromSeconds(30));
            },
            CancellationToken.None);
        await writerBusy.Task;
        var groupsBefore = database.CommittedGroups;

        // Sequence 1 is taken: that append must fail inside the group while the other 50 writes commit with it.
        var appends = Enumerable.Range(1, 40).Select(sequence => Storage.Log.AppendAsync(Entry("m", sequence))).ToList();
        var upserts = Enumerable.Range(1, 10).Select(i => Storage.Catalog.UpsertAsync($"model{i}", "{}", i)).ToList();
        gate.Set();

        Assert.True(await blocker, "The blocking write timed out waiting for the test to queue its writes.");
        await Assert.ThrowsAsync<LogConflictException>(() => appends[0]);
        await Task.WhenAll(appends.Skip(1));
        Assert.All(await Task.WhenAll(upserts), Assert.True);
        Assert.Equal(groupsBefore + 2, database.CommittedGroups);
        Assert.Equal(40, await Storage.Log.LastSequenceAsync("m"));
        Assert.Equal(10, (await Storage.Catalog.ListAsync()).Count);
    }

    [Fact]
    public async Task The_write_ahead_log_stops_growing_under_a_steady_stream_of_commits()
    {
        var database = (SqliteDatabase)Storage.Owner;
        var wal = database.FilePath + "-wal";

        // 4,000 entries of 4 KB, one commit each: 16 MB through the log. The writer's checkpoints copy it into the database file as it
        // goes and the log starts over, so its file stays a fraction of what went through it. (A passive checkpoint on another
        // connection, tried for latency, never completes under steady commits, and this log grew to 45 MB.)
        var payload = new byte[4_096];
        for (var sequence = 1; sequence <= 4_000; sequence++)
        {
            await Storage.Log.AppendAsync(new LogRecord("m", sequence, LogEntryKind.Events, sequence, sequence, 1, 1_000, payload, [(ulong)sequence]));
        }

        Assert.True(new FileInfo(wal).Length < 8L * 1024 * 1024, $"the write-ahead log holds {new FileInfo(wal).Length:N0} bytes");
        Assert.Equal(4_000, await Storage.Log.LastSequenceAsync("m"));
        Assert.Equal(payload, (await Storage.Log.ReadAsync("m", 1))!.Payload);
    }

    [Fact]
    public void The_database_is_one_file_in_the_data_folder()
    {
        Assert.Equal(Path.Combine(_folder, SqliteDatabase.FileName), ((SqliteDatabase)Storage.Owner).FilePath);
    }

    private static LogRecord Entry(string model, long sequence) =>
        new(model, sequence, LogEntryKind.Events, sequence, sequence, 1, 1_000, [(byte)sequence], [(ulong)sequence]);
}
