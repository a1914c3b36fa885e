using OrleansCt.Core.Events;
using OrleansCt.Core.Hashing;
using OrleansCt.Grains.Model;

namespace OrleansCt.Grains.Tests;

/// <summary>Deduplication by fingerprint and by id on a real SQLite log, with the rows and sequences worked from the entries logged in each test.</summary>
public sealed class DeduplicatorTests : IAsyncLifetime
{
    private readonly TestLog _store = new();

    [Fact]
    public void The_horizon_starts_its_length_before_now()
    {
        // 100,000 ms − 60 s = 40,000 ms.
        Assert.Equal(40_000, new Deduplicator(null!, TimeSpan.FromSeconds(60)).Since(100_000));
    }

    [Fact]
    public async Task Rows_logged_before_are_split_from_fresh_ones_with_where_they_were_logged()
    {
        var log = await _store.OpenAsync();
        await log.Reserve(TestLog.Events(1_000, ["a", "b"]), EventIdHash.Of(["a", "b"])).Durable;
        var dedup = new Deduplicator(log, TimeSpan.FromHours(1));
        var batch = TestLog.Events(2_000, ["b", "c", "a"]).Batch;

        var (fresh, duplicates, located) = dedup.SplitEvents(batch, EventIdHash.Of(batch.Ids), since: 0);

        // "b" is sequence 1 position 1, "a" sequence 1 position 0; "c" is new.
        Assert.Equal([1], fresh);
        Assert.Equal([0, 2], duplicates);
        Assert.Equal([(1L, 1), (0L, 0), (1L, 0)], located);

        // Outside the horizon (logged at 1,000, horizon from 1,001) every row is fresh.
        Assert.Equal([0, 1, 2], dedup.SplitEvents(batch, EventIdHash.Of(batch.Ids), since: 1_001).Fresh);
    }

    [Fact]
    public async Task A_resent_batch_is_found_by_fingerprint_in_memory_first_and_otherwise_from_the_stored_answer()
    {
        var log = await _store.OpenAsync();
        var hashes = EventIdHash.Of(["a", "b"]);
        var fingerprint = BatchFingerprint.OfEvents(hashes);
        await log.Reserve(TestLog.Events(1_000, ["a", "b"]), hashes, fingerprint).Durable;
        var dedup = new Deduplicator(log, TimeSpan.FromHours(1));

        Assert.Equal(1, dedup.FindResent(fingerprint, since: 0, stored: 7));
        Assert.Equal(7, dedup.FindResent(fingerprint + 1, since: 0, stored: 7));
        Assert.Null(dedup.FindResent(fingerprint + 1, since: 0, stored: null));
        // Memory has every fingerprint since the log was opened empty: no stored look-up is needed.
        Assert.Null(await dedup.FindStoredBatchAsync(fingerprint, since: 0));
    }

    [Fact]
    public async Task A_fingerprint_beyond_memory_is_found_in_the_stored_batch_index()
    {
        // Memory keeps 1 fingerprint: after two batches the first is only in storage, as sequence 1.
        var log = await _store.OpenAsync(options: new ModelGrainOptions { RecentBatches = 1 });
        var first = EventIdHash.Of(["a"]);
        var second = EventIdHash.Of(["b"]);
        await log.Reserve(TestLog.Events(1_000, ["a"]), first, BatchFingerprint.OfEvents(first)).Durable;
        await log.Reserve(TestLog.Events(2_000, ["b"]), second, BatchFingerprint.OfEvents(second)).Durable;
        var dedup = new Deduplicator(log, TimeSpan.FromHours(1));

        var stored = await dedup.FindStoredBatchAsync(BatchFingerprint.OfEvents(first), since: 0);

        Assert.Equal(1, stored);
        Assert.Null(dedup.FindResent(BatchFingerprint.OfEvents(first), 0, stored: null));
    }

    [Fact]
    public void A_batch_is_held_by_an_entry_only_with_the_same_ids_in_the_same_order()
    {
        var stored = TestLog.Events(1_000, ["a", "b"]);
        Assert.True(Deduplicator.Holds(stored, TestLog.Events(2_000, ["a", "b"]).Batch));
        Assert.False(Deduplicator.Holds(stored, TestLog.Events(2_000, ["b", "a"]).Batch));
        Assert.False(Deduplicator.Holds(stored, TestLog.Events(2_000, ["a"]).Batch));
    }

    [Fact]
    public void An_entry_is_indexed_under_its_rows_event_hashes_then_the_label_hashes_of_its_labelled_rows()
    {
        // Rows 0 and 2 of a, b, c are logged (b was a duplicate); of the entry's rows a and c, only c is labelled.
        var hashes = EventIdHash.Of(["a", "b", "c"]);
        var entryBatch = new EventBatch { Ids = ["a", "c"], Times = [0, 0], Numeric = [], Categorical = [], Labels = [double.NaN, 1] };

        Assert.Equal([hashes[0], hashes[2], LabelIdHash.Of("c")], Deduplicator.IndexHashes(hashes, [0, 2], entryBatch));
        Assert.Equal(hashes, Deduplicator.IndexHashes(hashes, null, TestLog.Events(0, ["a", "b", "c"]).Batch));
    }

    [Fact]
    public async Task A_label_for_an_id_labelled_before_is_located_by_its_label_hash()
    {
        var log = await _store.OpenAsync();
        // Events with a label for "b" are indexed under b's label hash too.
        var entry = TestLog.Events(1_000, ["a", "b"], labels: [double.NaN, 1]);
        await log.Reserve(entry, Deduplicator.IndexHashes(EventIdHash.Of(["a", "b"]), null, entry.Batch)).Durable;
        var dedup = new Deduplicator(log, TimeSpan.FromHours(1));

        // The label hash of "b" is the third hash of sequence 1 (after the two event hashes): position 2.
        Assert.Equal([(0L, 0), (1L, 2)], dedup.LocateLabels(LabelIdHash.Of(["a", "b"]), since: 0));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _store.DisposeAsync();
}
