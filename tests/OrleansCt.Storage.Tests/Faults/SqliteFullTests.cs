using OrleansCt.Abstractions.Storage;
using OrleansCt.Storage.Artifacts;
using OrleansCt.Storage.Faults;
using OrleansCt.Storage.Log;
using OrleansCt.Storage.Sqlite;
using OrleansCt.Testing;

namespace OrleansCt.Storage.Tests.Faults;

/// <summary>The SQLite file capped at its size (max_page_count), as a full disk: what fails, what stays, and the probe.</summary>
public sealed class SqliteFullTests : IAsyncLifetime
{
    private readonly string _folder = TestFolders.Create("sqlite-full");
    private SqliteDatabase _database = null!;
    private IEventLog _log = null!;
    private StorageHealth _health = null!;

    public Task InitializeAsync()
    {
        _database = SqliteDatabase.Open(_folder);
        _log = new GuardedEventLog(new SqliteEventLog(_database), StorageKinds.Sqlite);
        _health = StorageHealth.ForSqlite(_database, TimeProvider.System);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_write_that_would_grow_a_full_file_fails_as_full_and_takes_its_group_with_it_until_space_comes_back()
    {
        await _log.AppendAsync(Record(1, 100));
        Assert.True((await _health.CheckAsync(TimeSpan.Zero)).Ok);

        // SQLite keeps the cap at least the current size: the file may not grow from here.
        await _database.SetMaxPagesAsync(1);

        // A small write and a large one (64 pages of payload) queued behind a held writer go in one group: the large one finds
        // no page to take. SQLite then rolls back either that statement (the small write still commits, in the free pages) or the
        // whole transaction (the small write fails too, with the same error): each write is stored whole or refused as full.
        using var gate = new ManualResetEventSlim();
        var writerBusy = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var blocker = _database.WriteAsync(_ => { writerBusy.SetResult(); return gate.Wait(TimeSpan.FromSeconds(30)); }, CancellationToken.None);
        await writerBusy.Task;
        var small = _log.AppendAsync(Record(2, 10));
        var large = _log.AppendAsync(Record(3, 64 * 4096));
        gate.Set();
        await blocker;

        var full = await Assert.ThrowsAsync<StorageUnavailableException>(() => large);
        Assert.Equal((StorageKinds.Sqlite, StorageProblem.Full), (full.Storage, full.Problem));
        var smallStored = await small.ContinueWith(t => t.IsCompletedSuccessfully);
        if (!smallStored)
        {
            Assert.Equal(StorageProblem.Full, Assert.IsType<StorageUnavailableException>(small.Exception!.InnerException).Problem);
        }

        Assert.Equal(smallStored ? 2 : 1, await _log.LastSequenceAsync("m"));
        Assert.Equal(smallStored, await _log.ReadAsync("m", 2) is not null);
        Assert.Null(await _log.ReadAsync("m", 3));

        // The probe writes 16 KiB: it fails once the free pages inside the file are used up too.
        var next = smallStored ? 3L : 2L;
        while (await Record4K(next))
        {
            Assert.True(++next < 100, "the capped file took 100 more pages");
        }

        var probe = await _health.CheckAsync(TimeSpan.Zero);
        Assert.Equal((false, StorageProblem.Full), (probe.Ok, probe.Problem));
        Assert.Contains("full", probe.Detail, StringComparison.OrdinalIgnoreCase);

        // Space again: the probe passes and the same writes go in.
        await _database.SetMaxPagesAsync(1_000_000);
        Assert.True((await _health.CheckAsync(TimeSpan.Zero)).Ok);
        await _log.AppendAsync(Record(next, 64 * 4096));
        Assert.Equal(next, await _log.LastSequenceAsync("m"));
    }

    [Fact]
    public async Task An_artifact_that_does_not_fit_is_refused_as_full_with_nothing_stored_and_fits_once_space_comes_back()
    {
        var artifacts = new GuardedArtifactStore(new SqliteArtifactStore(_database), StorageKinds.Sqlite);
        var content = new byte[1024 * 1024];
        new Random(1).NextBytes(content);
        await _database.SetMaxPagesAsync(1);

        var full = await Assert.ThrowsAsync<StorageUnavailableException>(() => artifacts.PutAsync("m", "v1", content, 1_000));

        Assert.Equal((StorageKinds.Sqlite, StorageProblem.Full), (full.Storage, full.Problem));
        Assert.Null(await artifacts.GetInfoAsync("m", "v1"));
        Assert.Empty(await artifacts.ListAsync("m"));

        await _database.SetMaxPagesAsync(1_000_000);
        await artifacts.PutAsync("m", "v1", content, 1_000);
        Assert.Equal(content, (await artifacts.GetAsync("m", "v1"))!.Content);
    }

    [Fact]
    public async Task Callers_within_the_age_they_accept_share_one_probe()
    {
        var first = _health.CheckAsync(TimeSpan.FromMinutes(1));
        var second = _health.CheckAsync(TimeSpan.FromMinutes(1));
        Assert.Same(first, second);
        Assert.True((await first).Ok);
        Assert.Same(first, _health.CheckAsync(TimeSpan.FromMinutes(1)));
        Assert.NotSame(first, _health.CheckAsync(TimeSpan.Zero));
    }

    /// <summary>Appends a record of one page; false when it is refused as full.</summary>
    private async Task<bool> Record4K(long sequence)
    {
        try
        {
            await _log.AppendAsync(Record(sequence, 4096));
            return true;
        }
        catch (StorageUnavailableException e) when (e.Problem == StorageProblem.Full)
        {
            return false;
        }
    }

    private static LogRecord Record(long sequence, int payloadBytes)
    {
        var payload = new byte[payloadBytes];
        new Random((int)sequence).NextBytes(payload);
        return new LogRecord("m", sequence, LogEntryKind.Events, 0, 0, 1, 1_000 * sequence, payload, [(ulong)sequence]);
    }
}
