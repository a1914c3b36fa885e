using OrleansCt.Storage.Log;

namespace OrleansCt.Storage.Tests;

public abstract partial class StorageContract
{
    [Fact]
    public async Task Size_counts_the_retained_entries_events_payload_bytes_and_sequence_range()
    {
        await Storage.Log.AppendAsync(Sized("m", 1, arrival: 1_000, bytes: 10, count: 3));
        await Storage.Log.AppendAsync(Sized("m", 2, arrival: 2_000, bytes: 0, count: 0));
        await Storage.Log.AppendAsync(Sized("m", 3, arrival: 3_000, bytes: 25, count: 4));
        await Storage.Log.AppendAsync(Sized("other", 1, arrival: 1_000, bytes: 99, count: 9));

        // 3 entries, 3 + 0 + 4 events, 10 + 0 + 25 bytes, sequences 1..3.
        Assert.Equal(new LogSize(3, 7, 35, 1, 3), await Storage.Log.SizeAsync("m"));
        Assert.Equal(new LogSize(0, 0, 0, 0, 0), await Storage.Log.SizeAsync("unknown"));
    }

    [Fact]
    public async Task Age_trim_drops_exactly_the_entries_that_arrived_before_the_cut_and_none_above_maxSequence()
    {
        // Entry s arrives at s seconds with 10 payload bytes and s events.
        for (var sequence = 1; sequence <= 6; sequence++)
        {
            await Storage.Log.AppendAsync(Sized("m", sequence, arrival: sequence * 1_000, bytes: 10, count: sequence));
            await Storage.Log.AppendAsync(Sized("other", sequence, arrival: sequence * 1_000, bytes: 10, count: sequence));
        }

        // Arrived before 4 s: entries 1, 2 and 3 (1 + 2 + 3 events, 3 × 10 bytes).
        Assert.Equal(new TrimResult(3, 6, 30, 4), await Storage.Log.TrimAsync("m", maxSequence: 6, minArrivalUnixMs: 4_000, maxBytes: null));
        Assert.Null(await Storage.Log.ReadAsync("m", 3));
        Assert.NotNull(await Storage.Log.ReadAsync("m", 4));
        Assert.Equal([4L, 5, 6], Sequences(await Storage.Log.ReadAfterAsync("m", 0, 10)));
        Assert.Equal([4L, 5, 6], Sequences(await Storage.Log.ReadAfterAsync("m", 2, 10)));

        // Everything is older than 10 s, but only entry 4 is covered by the checkpoint.
        Assert.Equal(new TrimResult(1, 4, 10, 5), await Storage.Log.TrimAsync("m", maxSequence: 4, minArrivalUnixMs: 10_000, maxBytes: null));
        Assert.Equal(new LogSize(2, 11, 20, 5, 6), await Storage.Log.SizeAsync("m"));
        Assert.Equal(new LogSize(6, 21, 60, 1, 6), await Storage.Log.SizeAsync("other"));
    }

    [Fact]
    public async Task Age_trim_stops_at_the_first_entry_that_arrived_after_the_cut_when_the_clock_stepped_back()
    {
        // Entry 3 arrived earlier than entry 2 (a clock step back): it stays, so the retained log has no hole.
        long[] arrivals = [1_000, 5_000, 2_000, 6_000];
        for (var sequence = 1; sequence <= arrivals.Length; sequence++)
        {
            await Storage.Log.AppendAsync(Sized("m", sequence, arrivals[sequence - 1], bytes: 1, count: 1));
        }

        Assert.Equal(new TrimResult(1, 1, 1, 2), await Storage.Log.TrimAsync("m", 4, minArrivalUnixMs: 3_000, maxBytes: null));
        Assert.Equal([2L, 3, 4], Sequences(await Storage.Log.ReadAfterAsync("m", 0, 10)));
    }

    [Fact]
    public async Task Size_trim_drops_the_oldest_entries_until_the_payload_fits_the_limit()
    {
        // Payloads of 10, 20, 30 and 40 bytes: 100 in all.
        for (var sequence = 1; sequence <= 4; sequence++)
        {
            await Storage.Log.AppendAsync(Sized("m", sequence, arrival: 1_000, bytes: sequence * 10, count: 1));
        }

        // Exactly at the limit: nothing to drop.
        Assert.Equal(new TrimResult(0, 0, 0, 1), await Storage.Log.TrimAsync("m", 4, minArrivalUnixMs: 0, maxBytes: 100));

        // 100 - 75 = 25 bytes too many: entry 1 (10) is not enough, entries 1 and 2 (30) are; 70 bytes stay.
        Assert.Equal(new TrimResult(2, 2, 30, 3), await Storage.Log.TrimAsync("m", 4, minArrivalUnixMs: 0, maxBytes: 75));
        Assert.Equal(new LogSize(2, 2, 70, 3, 4), await Storage.Log.SizeAsync("m"));

        // A limit smaller than any entry drops every entry maxSequence allows, and no more.
        Assert.Equal(new TrimResult(1, 1, 30, 4), await Storage.Log.TrimAsync("m", 3, minArrivalUnixMs: 0, maxBytes: 1));
        Assert.Equal(new TrimResult(1, 1, 40, 0), await Storage.Log.TrimAsync("m", 4, minArrivalUnixMs: 0, maxBytes: 0));
        Assert.Equal(new LogSize(0, 0, 0, 0, 0), await Storage.Log.SizeAsync("m"));
    }

    [Fact]
    public async Task Age_and_size_trim_combine_and_maxSequence_protects_what_no_checkpoint_covers()
    {
        for (var sequence = 1; sequence <= 5; sequence++)
        {
            await Storage.Log.AppendAsync(Sized("m", sequence, arrival: sequence * 1_000, bytes: 10, count: 2));
        }

        Assert.Equal(new TrimResult(0, 0, 0, 1), await Storage.Log.TrimAsync("m", maxSequence: 0, minArrivalUnixMs: long.MaxValue, maxBytes: 0));

        // Age drops entry 1 (arrived before 2 s); 40 bytes are left for a limit of 25, so size would drop 2 and 3, but
        // maxSequence stops it at 2. Once the checkpoint covers 5, entry 3 goes too: 20 bytes stay.
        Assert.Equal(new TrimResult(2, 4, 20, 3), await Storage.Log.TrimAsync("m", maxSequence: 2, minArrivalUnixMs: 2_000, maxBytes: 25));
        Assert.Equal(new TrimResult(1, 2, 10, 4), await Storage.Log.TrimAsync("m", maxSequence: 5, minArrivalUnixMs: 2_000, maxBytes: 25));
        Assert.Equal([4L, 5], Sequences(await Storage.Log.ReadAfterAsync("m", 0, 10)));
    }

    [Fact]
    public async Task Trimmed_entries_leave_the_id_index()
    {
        await Storage.Log.AppendAsync(new LogRecord("m", 1, LogEntryKind.Events, 0, 0, 2, 1_000, [1], [10, 11]));
        await Storage.Log.AppendAsync(new LogRecord("m", 2, LogEntryKind.Events, 0, 0, 2, 2_000, [2], [20, 11]));
        await Storage.Log.AppendAsync(new LogRecord("m", 3, LogEntryKind.Events, 0, 0, 1, 3_000, [3], [30]));

        await Storage.Log.TrimAsync("m", maxSequence: 3, minArrivalUnixMs: 3_000, maxBytes: null);

        Assert.Equal([new IdLocation(30, 3, 0, 3_000)], await Storage.Log.FindIdsAsync("m", [10UL, 11UL, 20UL, 30UL], 0));
        Assert.Equal([3L], (await Storage.Log.ReadIdIndexAsync("m", 0)).Select(block => block.Sequence));
    }

    [Fact]
    public async Task After_a_trim_of_every_entry_LastSequence_stays_and_dropped_sequences_stay_fenced_across_a_reopen()
    {
        for (var sequence = 1; sequence <= 3; sequence++)
        {
            await Storage.Log.AppendAsync(Sized("m", sequence, arrival: 1_000, bytes: 2, count: 1));
        }

        Assert.Equal(new TrimResult(3, 3, 6, 0), await Storage.Log.TrimAsync("m", 3, minArrivalUnixMs: 2_000, maxBytes: null));
        await Storage.DisposeAsync();
        Storage = await OpenAsync();

        Assert.Equal(3, await Storage.Log.LastSequenceAsync("m"));
        foreach (var dropped in new long[] { 1, 3 })
        {
            var conflict = await Assert.ThrowsAsync<LogConflictException>(
                () => Storage.Log.AppendAsync(new LogRecord("m", dropped, LogEntryKind.Events, 0, 0, 1, 5_000, [9], [999])));
            Assert.Equal(("m", dropped), (conflict.Model, conflict.Sequence));
        }

        Assert.Empty(await Storage.Log.FindIdsAsync("m", [999UL], 0));
        Assert.Equal(new LogSize(0, 0, 0, 0, 0), await Storage.Log.SizeAsync("m"));

        await Storage.Log.AppendAsync(Sized("m", 4, arrival: 5_000, bytes: 2, count: 1));
        Assert.Equal(4, await Storage.Log.LastSequenceAsync("m"));
        Assert.Equal([4L], Sequences(await Storage.Log.ReadAfterAsync("m", 0, 10)));
    }

    [Fact]
    public async Task A_trim_removes_nothing_above_the_sequence_it_fences()
    {
        for (var sequence = 1; sequence <= 3; sequence++)
        {
            await Storage.Log.AppendAsync(Sized("m", sequence, arrival: 1_000, bytes: 1, count: 1));
        }

        // A batch fingerprint at sequence 5 with no entry yet: a row the trim does not count, as an append it cannot see would be.
        await ExecuteSqlAsync("INSERT INTO batch_index (model, fingerprint, sequence, arrival_ms) VALUES ('m', 77, 5, 1000)");

        // maxSequence 10 puts the cut past the last entry; what is dropped, counted and fenced is 1 to 3, and nothing above 3 goes.
        Assert.Equal(new TrimResult(3, 3, 3, 0), await Storage.Log.TrimAsync("m", maxSequence: 10, minArrivalUnixMs: 2_000, maxBytes: null));
        Assert.Equal(3, await Storage.Log.LastSequenceAsync("m"));
        Assert.Equal(5L, await Storage.Log.FindBatchAsync("m", 77, 0));
    }

    [Fact]
    public async Task Trimming_an_empty_or_unknown_model_drops_nothing_and_fences_nothing()
    {
        Assert.Equal(new TrimResult(0, 0, 0, 0), await Storage.Log.TrimAsync("unknown", 10, minArrivalUnixMs: long.MaxValue, maxBytes: 0));

        Assert.Equal(0, await Storage.Log.LastSequenceAsync("unknown"));
        await Storage.Log.AppendAsync(Sized("unknown", 1, arrival: 1_000, bytes: 1, count: 1));
        Assert.Equal(1, await Storage.Log.LastSequenceAsync("unknown"));
    }

    /// <summary>An entry with a payload of <paramref name="bytes"/> bytes and one id hash (its sequence).</summary>
    private static LogRecord Sized(string model, long sequence, long arrival, int bytes, int count) =>
        new(model, sequence, LogEntryKind.Events, 0, 0, count, arrival, new byte[bytes], [(ulong)sequence]);
}
