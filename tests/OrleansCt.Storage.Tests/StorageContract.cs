using Orleans;
using Orleans.Runtime;
using OrleansCt.Storage.Log;

namespace OrleansCt.Storage.Tests;

/// <summary>
/// What every storage backend promises (DESIGN.md, "The event log contract"), run against a real database; one derived
/// class per backend. Split by concern: log, catalog, artifacts and grain state live in the partial files beside this one.
/// </summary>
public abstract partial class StorageContract : IAsyncLifetime
{
    protected StorageUnderTest Storage { get; set; } = null!;

    public async Task InitializeAsync() => Storage = await OpenAsync();

    public async Task DisposeAsync() => await Storage.DisposeAsync();

    /// <summary>Opens the backend on this test's location: a fresh one the first time, the same one after that.</summary>
    protected abstract Task<StorageUnderTest> OpenAsync();

    /// <summary>Runs SQL that is the same on every backend straight on this test's database, to set up what the API cannot.</summary>
    protected abstract Task ExecuteSqlAsync(string sql);

    [Fact]
    public async Task Everything_committed_is_seen_after_reopening()
    {
        await Storage.Log.AppendAsync(new LogRecord("m", 1, LogEntryKind.Control, 0, 0, 0, 500, [42], []));
        await Storage.Log.AppendAsync(new LogRecord("m", 2, LogEntryKind.Events, 3, 4, 2, 600, [1, 2], [77, 78]));
        await Storage.Catalog.UpsertAsync("m", "{\"task\":\"binary\"}", 500);
        var written = new GrainState<TestState> { State = new TestState { Name = "kept", Counter = 9 } };
        await Storage.Grains.WriteStateAsync("s", GrainOf("g"), written);

        await Storage.DisposeAsync();
        Storage = await OpenAsync();

        Assert.Equal(2, await Storage.Log.LastSequenceAsync("m"));
        var entries = await Storage.Log.ReadAfterAsync("m", 0, 10);
        Assert.Equal([1L, 2L], entries.Select(entry => entry.Sequence));
        Assert.Equal([42], entries[0].Payload);
        Assert.Equal([77UL, 78UL], entries[1].IdHashes);
        Assert.Equal([new IdLocation(78, 2, 1, 600)], await Storage.Log.FindIdsAsync("m", [78UL], 0));
        Assert.Equal(new Catalog.CatalogEntry("m", "{\"task\":\"binary\"}", 500, 500), await Storage.Catalog.GetAsync("m"));
        var read = new GrainState<TestState> { State = new TestState() };
        await Storage.Grains.ReadStateAsync("s", GrainOf("g"), read);
        Assert.Equal(("kept", 9L, "1", true), (read.State.Name, read.State.Counter, read.ETag, read.RecordExists));
    }

    protected static GrainId GrainOf(string key, string type = "test-grain") => GrainId.Create(type, key);
}
