using OrleansCt.Storage.Log;

namespace OrleansCt.Storage.Tests;

public abstract partial class StorageContract
{
    [Fact]
    public async Task An_appended_entry_reads_back_with_its_payload_id_hashes_and_metadata()
    {
        var entry = new LogRecord("churn", 1, LogEntryKind.Events, 1.5, 9.25, 3, 1_700_000_000_123, [1, 2, 3, 255], [0, ulong.MaxValue, 0x0123_4567_89AB_CDEF]);

        await Storage.Log.AppendAsync(entry);
        var read = await Storage.Log.ReadAsync("churn", 1);

        Assert.NotNull(read);
        Assert.Equal(
            (entry.Model, entry.Sequence, entry.Kind, entry.FirstEventTime, entry.LastEventTime, entry.Count, entry.ArrivalUnixMs),
            (read.Model, read.Sequence, read.Kind, read.FirstEventTime, read.LastEventTime, read.Count, read.ArrivalUnixMs));
        Assert.Equal(entry.Payload, read.Payload);
        Assert.Equal(entry.IdHashes, read.IdHashes);
        Assert.Null(await Storage.Log.ReadAsync("churn", 2));
        Assert.Null(await Storage.Log.ReadAsync("other", 1));
    }

    [Fact]
    public async Task An_entry_without_ids_or_payload_has_no_hashes_and_no_index_block()
    {
        await Storage.Log.AppendAsync(new LogRecord("m", 1, LogEntryKind.Control, 0, 0, 0, 100, [], []));

        var read = await Storage.Log.ReadAsync("m", 1);

        Assert.Empty(read!.Payload);
        Assert.Empty(read.IdHashes);
        Assert.Equal(LogEntryKind.Control, read.Kind);
        Assert.Empty(await Storage.Log.ReadIdIndexAsync("m", 0));
    }

    [Fact]
    public async Task Entries_that_are_not_storable_are_refused_before_anything_is_written()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Storage.Log.AppendAsync(new LogRecord("m", 0, LogEntryKind.Events, 0, 0, 0, 1, [], [])));
        await Assert.ThrowsAsync<ArgumentException>(() => Storage.Log.AppendAsync(new LogRecord("m", 1, LogEntryKind.Events, double.NaN, 0, 0, 1, [], [])));
        await Assert.ThrowsAsync<ArgumentException>(() => Storage.Log.AppendAsync(new LogRecord("", 1, LogEntryKind.Events, 0, 0, 0, 1, [], [])));

        Assert.Equal(0, await Storage.Log.LastSequenceAsync("m"));
    }

    [Fact]
    public async Task ReadAfter_returns_one_models_entries_in_sequence_order_a_page_at_a_time()
    {
        // Appended out of order, interleaved with another model, to show the order comes from the sequence.
        foreach (var sequence in new long[] { 3, 1, 2, 10, 7, 5, 4, 9, 6, 8 })
        {
            await Storage.Log.AppendAsync(Entry("a", sequence));
            await Storage.Log.AppendAsync(Entry("b", sequence));
        }

        Assert.Equal([1L, 2, 3, 4], Sequences(await Storage.Log.ReadAfterAsync("a", 0, 4)));
        Assert.Equal([5L, 6, 7, 8], Sequences(await Storage.Log.ReadAfterAsync("a", 4, 4)));
        Assert.Equal([9L, 10], Sequences(await Storage.Log.ReadAfterAsync("a", 8, 4)));
        Assert.Empty(await Storage.Log.ReadAfterAsync("a", 10, 4));
        Assert.All(await Storage.Log.ReadAfterAsync("a", 0, 100), entry => Assert.Equal([(byte)'a', (byte)entry.Sequence], entry.Payload));
    }

    [Fact]
    public async Task LastSequence_is_zero_for_an_empty_log_and_the_highest_sequence_after_appends()
    {
        Assert.Equal(0, await Storage.Log.LastSequenceAsync("m"));

        await Storage.Log.AppendAsync(Entry("m", 1));
        await Storage.Log.AppendAsync(Entry("m", 2));
        await Storage.Log.AppendAsync(Entry("other", 5));

        Assert.Equal(2, await Storage.Log.LastSequenceAsync("m"));
        Assert.Equal(5, await Storage.Log.LastSequenceAsync("other"));
    }

    [Fact]
    public async Task Appending_a_taken_sequence_throws_LogConflictException_and_keeps_the_original()
    {
        await Storage.Log.AppendAsync(new LogRecord("m", 1, LogEntryKind.Events, 1, 1, 1, 100, [1], [111]));

        var conflict = await Assert.ThrowsAsync<LogConflictException>(
            () => Storage.Log.AppendAsync(new LogRecord("m", 1, LogEntryKind.Labels, 2, 2, 1, 200, [2], [222])));

        Assert.Equal(("m", 1L), (conflict.Model, conflict.Sequence));
        var kept = await Storage.Log.ReadAsync("m", 1);
        Assert.Equal((LogEntryKind.Events, 100L), (kept!.Kind, kept.ArrivalUnixMs));
        Assert.Equal([1], kept.Payload);
        Assert.Equal([111UL], kept.IdHashes);
        Assert.Empty(await Storage.Log.FindIdsAsync("m", [222UL], 0));
    }

    [Fact]
    public async Task Concurrent_appends_to_many_models_all_land()
    {
        const int Models = 8;
        const int PerModel = 40;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var appends = (from model in Enumerable.Range(0, Models)
                       from sequence in Enumerable.Range(1, PerModel)
                       select Task.Run(async () =>
                       {
                           await gate.Task;
                           await Storage.Log.AppendAsync(Entry($"m{model}", sequence));
                       })).ToList();

        gate.SetResult();
        await Task.WhenAll(appends);

        for (var model = 0; model < Models; model++)
        {
            var entries = await Storage.Log.ReadAfterAsync($"m{model}", 0, 1000);
            Assert.Equal(Enumerable.Range(1, PerModel).Select(s => (long)s), Sequences(entries));
            Assert.All(entries, entry => Assert.Equal([(byte)'m', (byte)entry.Sequence], entry.Payload));
        }
    }

    [Fact]
    public async Task Writers_racing_for_one_sequence_exactly_one_wins()
    {
        const int Rounds = 20;
        const int Writers = 4;
        for (var round = 1; round <= Rounds; round++)
        {
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var sequence = round;
            var racers = Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
            {
                await gate.Task;
                try
                {
                    await Storage.Log.AppendAsync(new LogRecord("race", sequence, LogEntryKind.Events, 0, 0, 1, 100, [(byte)writer], [(ulong)writer]));
                    return writer;
                }
                catch (LogConflictException)
                {
                    return -1;
                }
            })).ToList();

            gate.SetResult();
            var outcomes = await Task.WhenAll(racers);

            var winner = Assert.Single(outcomes, outcome => outcome >= 0);
            var stored = await Storage.Log.ReadAsync("race", sequence);
            Assert.Equal([(byte)winner], stored!.Payload);
            Assert.Equal([(ulong)winner], stored.IdHashes);
        }
    }

    [Fact]
    public async Task A_conflict_among_concurrent_appends_fails_only_its_own_write()
    {
        for (var sequence = 2; sequence <= 40; sequence += 2)
        {
            await Storage.Log.AppendAsync(new LogRecord("m", sequence, LogEntryKind.Events, 0, 0, 1, 100, [0], []));
        }

        // All 40 queued at once: on SQLite they share group transactions, so the even ones conflict inside a group.
        var appends = Enumerable.Range(1, 40).Select(sequence => Storage.Log.AppendAsync(Entry("m", sequence))).ToList();
        var failed = new List<long>();
        for (var i = 0; i < appends.Count; i++)
        {
            try
            {
                await appends[i];
            }
            catch (LogConflictException conflict)
            {
                failed.Add(conflict.Sequence);
            }
        }

        Assert.Equal(Enumerable.Range(1, 20).Select(i => 2L * i), failed);
        var entries = await Storage.Log.ReadAfterAsync("m", 0, 100);
        Assert.Equal(Enumerable.Range(1, 40).Select(s => (long)s), Sequences(entries));
        Assert.All(entries, entry => Assert.Equal(entry.Sequence % 2 == 0 ? [0] : [(byte)'m', (byte)entry.Sequence], entry.Payload));
    }

    [Fact]
    public async Task FindIds_finds_only_ids_that_arrived_within_the_horizon()
    {
        await Storage.Log.AppendAsync(new LogRecord("m", 1, LogEntryKind.Events, 0, 0, 2, 1_000, [1], [10, 11]));
        await Storage.Log.AppendAsync(new LogRecord("m", 2, LogEntryKind.Events, 0, 0, 2, 2_000, [2], [20, 21]));
        await Storage.Log.AppendAsync(new LogRecord("m", 3, LogEntryKind.Labels, 0, 0, 1, 3_000, [3], [30]));
        await Storage.Log.AppendAsync(new LogRecord("other", 1, LogEntryKind.Events, 0, 0, 1, 3_000, [4], [40]));

        var found = await Storage.Log.FindIdsAsync("m", [11UL, 21UL, 30UL, 40UL, 99UL], minArrivalUnixMs: 2_000);

        Assert.Equal(
            [new IdLocation(21, 2, 1, 2_000), new IdLocation(30, 3, 0, 3_000)],
            found.OrderBy(location => location.Hash));
        Assert.Empty(await Storage.Log.FindIdsAsync("m", [], 0));
    }

    [Fact]
    public async Task FindIds_returns_the_latest_location_of_a_repeated_hash()
    {
        await Storage.Log.AppendAsync(new LogRecord("m", 1, LogEntryKind.Events, 0, 0, 2, 1_000, [1], [5, 6]));
        await Storage.Log.AppendAsync(new LogRecord("m", 2, LogEntryKind.Events, 0, 0, 2, 1_000, [2], [7, 5]));
        await Storage.Log.AppendAsync(new LogRecord("m", 3, LogEntryKind.Events, 0, 0, 3, 1_000, [3], [6, 8, 6]));

        var found = await Storage.Log.FindIdsAsync("m", [5UL, 6UL], 0);

        Assert.Equal([new IdLocation(5, 2, 1, 1_000), new IdLocation(6, 3, 2, 1_000)], found.OrderBy(location => location.Hash));
    }

    [Fact]
    public async Task FindIds_searches_beyond_the_most_recent_blocks()
    {
        // More entries than one page of blocks, appended concurrently (one group commit on SQLite) to keep the test quick.
        const int Entries = 600;
        await Task.WhenAll(Enumerable.Range(1, Entries).Select(sequence =>
            Storage.Log.AppendAsync(new LogRecord("m", sequence, LogEntryKind.Events, 0, 0, 1, 1_000 + sequence, [1], [(ulong)(1_000_000 + sequence)]))));

        var found = await Storage.Log.FindIdsAsync("m", [1_000_001UL, 1_000_300UL, 1_000_600UL], 0);

        Assert.Equal(
            [new IdLocation(1_000_001, 1, 0, 1_001), new IdLocation(1_000_300, 300, 0, 1_300), new IdLocation(1_000_600, 600, 0, 1_600)],
            found.OrderBy(location => location.Hash));
    }

    [Fact]
    public async Task ReadIdIndex_returns_the_blocks_at_or_after_the_minimum_arrival_in_sequence_order()
    {
        await Storage.Log.AppendAsync(new LogRecord("m", 1, LogEntryKind.Events, 0, 0, 1, 1_000, [1], [10]));
        await Storage.Log.AppendAsync(new LogRecord("m", 3, LogEntryKind.Events, 0, 0, 2, 3_000, [3], [30, 31]));
        await Storage.Log.AppendAsync(new LogRecord("m", 2, LogEntryKind.Events, 0, 0, 2, 2_000, [2], [20, 21]));
        await Storage.Log.AppendAsync(new LogRecord("other", 1, LogEntryKind.Events, 0, 0, 1, 5_000, [4], [40]));

        var blocks = await Storage.Log.ReadIdIndexAsync("m", 2_000);

        Assert.Equal([(2L, 2_000L), (3L, 3_000L)], blocks.Select(block => (block.Sequence, block.ArrivalUnixMs)));
        Assert.Equal([20UL, 21UL], blocks[0].Hashes);
        Assert.Equal([30UL, 31UL], blocks[1].Hashes);
    }

    private static LogRecord Entry(string model, long sequence) =>
        new(model, sequence, LogEntryKind.Events, sequence, sequence + 0.5, 1, 1_000 + sequence, [(byte)model[0], (byte)sequence], [(ulong)sequence]);

    private static IEnumerable<long> Sequences(IEnumerable<LogRecord> entries) => entries.Select(entry => entry.Sequence);
}
