using OrleansCt.Storage.Log;

namespace OrleansCt.Storage.Tests;

public abstract partial class StorageContract
{
    [Fact]
    public async Task FindBatch_finds_the_latest_entry_with_a_fingerprint_within_the_horizon()
    {
        await Storage.Log.AppendAsync(new LogRecord("m", 1, LogEntryKind.Events, 0, 0, 1, 1_000, [1], [10], Fingerprint: 0xABCD));
        await Storage.Log.AppendAsync(new LogRecord("m", 2, LogEntryKind.Events, 0, 0, 1, 2_000, [2], [20], Fingerprint: 0xABCD));
        await Storage.Log.AppendAsync(new LogRecord("m", 3, LogEntryKind.Events, 0, 0, 1, 3_000, [3], [30]));
        await Storage.Log.AppendAsync(new LogRecord("other", 1, LogEntryKind.Events, 0, 0, 1, 3_000, [4], [40], Fingerprint: 0x1234));

        Assert.Equal(2L, await Storage.Log.FindBatchAsync("m", 0xABCD, 0));
        Assert.Null(await Storage.Log.FindBatchAsync("m", 0xABCD, 2_001));
        Assert.Null(await Storage.Log.FindBatchAsync("m", 0x1234, 0));
        // Fingerprints are unsigned: the top bit survives the signed 64-bit columns of both backends.
        await Storage.Log.AppendAsync(new LogRecord("m", 4, LogEntryKind.Events, 0, 0, 1, 4_000, [5], [50], Fingerprint: ulong.MaxValue - 1));
        Assert.Equal(4L, await Storage.Log.FindBatchAsync("m", ulong.MaxValue - 1, 0));
    }

    [Fact]
    public async Task ReadBatchIndex_returns_the_newest_fingerprints_in_sequence_order()
    {
        for (var sequence = 1; sequence <= 5; sequence++)
        {
            await Storage.Log.AppendAsync(new LogRecord("m", sequence, LogEntryKind.Events, 0, 0, 1, 1_000 * sequence, [1], [(ulong)sequence], Fingerprint: (ulong)(100 + sequence)));
        }

        var newest = await Storage.Log.ReadBatchIndexAsync("m", 0, maxCount: 3);
        var recent = await Storage.Log.ReadBatchIndexAsync("m", 4_000, maxCount: 10);

        Assert.Equal([new BatchIndexRow(103, 3, 3_000), new BatchIndexRow(104, 4, 4_000), new BatchIndexRow(105, 5, 5_000)], newest);
        Assert.Equal([4L, 5L], recent.Select(row => row.Sequence));
    }

    [Fact]
    public async Task ReadIdIndex_takes_the_newest_blocks_until_enough_hashes()
    {
        await Storage.Log.AppendAsync(new LogRecord("m", 1, LogEntryKind.Events, 0, 0, 2, 1_000, [1], [10, 11]));
        await Storage.Log.AppendAsync(new LogRecord("m", 2, LogEntryKind.Events, 0, 0, 2, 2_000, [2], [20, 21]));
        await Storage.Log.AppendAsync(new LogRecord("m", 3, LogEntryKind.Events, 0, 0, 2, 3_000, [3], [30, 31]));

        // Newest first while fewer than 3 hashes are taken: blocks 3 (2 hashes) and 2 (4 in all), returned in sequence order.
        var blocks = await Storage.Log.ReadIdIndexAsync("m", 0, maxHashes: 3);

        Assert.Equal([2L, 3L], blocks.Select(block => block.Sequence));
    }

    [Fact]
    public async Task A_trim_drops_the_fingerprints_of_the_entries_it_drops()
    {
        await Storage.Log.AppendAsync(new LogRecord("m", 1, LogEntryKind.Events, 0, 0, 1, 1_000, [1], [10], Fingerprint: 7));
        await Storage.Log.AppendAsync(new LogRecord("m", 2, LogEntryKind.Events, 0, 0, 1, 5_000, [2], [20], Fingerprint: 8));

        await Storage.Log.TrimAsync("m", maxSequence: 2, minArrivalUnixMs: 2_000, maxBytes: null);

        Assert.Null(await Storage.Log.FindBatchAsync("m", 7, 0));
        Assert.Equal(2L, await Storage.Log.FindBatchAsync("m", 8, 0));
        Assert.Equal([8UL], (await Storage.Log.ReadBatchIndexAsync("m", 0, 10)).Select(row => row.Fingerprint));
    }

    [Fact]
    public async Task A_fenced_append_leaves_no_fingerprint_behind()
    {
        await Storage.Log.AppendAsync(new LogRecord("m", 1, LogEntryKind.Events, 0, 0, 1, 1_000, [1], [10], Fingerprint: 7));

        await Assert.ThrowsAsync<LogConflictException>(() => Storage.Log.AppendAsync(new LogRecord("m", 1, LogEntryKind.Events, 0, 0, 1, 2_000, [2], [20], Fingerprint: 9)));

        Assert.Null(await Storage.Log.FindBatchAsync("m", 9, 0));
        Assert.Equal([7UL], (await Storage.Log.ReadBatchIndexAsync("m", 0, 10)).Select(row => row.Fingerprint));
    }
}
