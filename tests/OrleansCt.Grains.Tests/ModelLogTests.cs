using OrleansCt.Core.Hashing;
using OrleansCt.Grains.Log;
using OrleansCt.Grains.Model;

namespace OrleansCt.Grains.Tests;

/// <summary>The model's view of the log on a real SQLite log: sequences, read-back, and the id and batch look-ups in memory and in storage.</summary>
public sealed class ModelLogTests : IAsyncLifetime
{
    private readonly TestLog _store = new();

    [Fact]
    public async Task Reserved_entries_take_the_next_sequences_and_read_back_after_a_reopen()
    {
        var log = await _store.OpenAsync();
        var first = log.Reserve(TestLog.Events(1_000, ["a", "b"]), EventIdHash.Of(["a", "b"]));
        var second = log.Reserve(TestLog.Events(2_000, ["c"]), EventIdHash.Of(["c"]));
        await Task.WhenAll(first.Durable, second.Durable);

        Assert.Equal((1L, 2L, 2L), (first.Sequence, second.Sequence, log.LastSequence));
        var reopened = await _store.OpenAsync(nowUnixMs: 2_000);
        Assert.Equal(2, reopened.LastSequence);
        var entries = new List<(long Sequence, LogEntry Entry)>();
        await foreach (var item in reopened.ReadAfterAsync(0))
        {
            entries.Add(item);
        }

        Assert.Equal([1L, 2L], entries.Select(e => e.Sequence));
        Assert.Equal(["a", "b"], ((EventsEntry)entries[0].Entry).Batch.Ids);
        // Not in the reopened log's memory: read back from storage.
        Assert.Null(reopened.FindRecentEvents(2));
        Assert.Equal(["c"], (await reopened.GetEventsAsync(2))!.Batch.Ids);
        Assert.Null(await reopened.GetEventsAsync(3));
    }

    [Fact]
    public async Task Ids_and_fingerprints_are_found_within_the_horizon_in_memory_and_again_after_a_reopen()
    {
        var log = await _store.OpenAsync();
        var hashes = EventIdHash.Of(["a", "b"]);
        var fingerprint = BatchFingerprint.OfEvents(hashes);
        await log.Reserve(TestLog.Events(10_000, ["a", "b"]), hashes, fingerprint).Durable;

        // "b" is position 1 of sequence 1; "z" was never logged. An entry that arrived at 10,000 is outside a horizon starting at 10,001.
        Assert.Equal([(1L, 1), (0L, 0)], log.LocateRecent(EventIdHash.Of(["b", "z"]), sinceUnixMs: 10_000));
        Assert.Equal([(0L, 0)], log.LocateRecent(EventIdHash.Of(["b"]), sinceUnixMs: 10_001));
        Assert.Equal(1, log.FindRecentBatch(fingerprint, 10_000));
        Assert.Null(log.FindRecentBatch(fingerprint, 10_001));

        // A reopened log warms its memory from the stored indexes inside the horizon (now − 24 h).
        var reopened = await _store.OpenAsync(nowUnixMs: 10_000 + 3_600_000);
        Assert.Equal([(1L, 0)], reopened.LocateRecent(EventIdHash.Of(["a"]), sinceUnixMs: 0));
        Assert.Equal(1, reopened.FindRecentBatch(fingerprint, 0));
    }

    [Fact]
    public async Task An_id_beyond_the_ids_memory_keeps_is_located_through_the_stored_id_index()
    {
        // Memory keeps 2 ids: after "a", "b", "c" (one per entry) "a" has left it, and only storage knows it is sequence 1, position 0.
        var log = await _store.OpenAsync(options: new ModelGrainOptions { RecentIds = 2 });
        foreach (var (id, at) in new[] { ("a", 1_000L), ("b", 2_000L), ("c", 3_000L) })
        {
            await log.Reserve(TestLog.Events(at, [id]), EventIdHash.Of([id])).Durable;
        }

        Assert.Equal([(0L, 0)], log.LocateRecent(EventIdHash.Of(["a"]), long.MinValue));
        Assert.Equal([(1L, 0), (3L, 0), (0L, 0)], await log.LocateAsync(EventIdHash.Of(["a", "c", "z"]), long.MinValue));
    }

    [Fact]
    public async Task Forgotten_entries_are_no_longer_found_in_memory()
    {
        var log = await _store.OpenAsync();
        var hashes = EventIdHash.Of(["a"]);
        await log.Reserve(TestLog.Events(1_000, ["a"]), hashes, BatchFingerprint.OfEvents(hashes)).Durable;
        await log.Reserve(TestLog.Events(2_000, ["b"]), EventIdHash.Of(["b"])).Durable;

        log.Forget(throughSequence: 1);

        Assert.Equal([(0L, 0), (2L, 0)], log.LocateRecent(EventIdHash.Of(["a", "b"]), 0));
        Assert.Null(log.FindRecentBatch(BatchFingerprint.OfEvents(hashes), 0));
        Assert.Null(log.FindRecentEvents(1));
        Assert.NotNull(log.FindRecentEvents(2));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _store.DisposeAsync();
}
