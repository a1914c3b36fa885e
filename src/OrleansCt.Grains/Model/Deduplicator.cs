using OrleansCt.Core.Events;
using OrleansCt.Core.Hashing;
using OrleansCt.Grains.Log;

namespace OrleansCt.Grains.Model;

/// <summary>
/// Recognises, within the dedup horizon, what the log holds already: a batch resent whole (by its fingerprint), and events
/// and labels by id among the newest ids memory keeps.
/// </summary>
internal sealed class Deduplicator(ModelLog log, TimeSpan horizon)
{
    /// <summary>The earliest arrival time inside the horizon at <paramref name="nowUnixMs"/>.</summary>
    public long Since(long nowUnixMs) => nowUnixMs - (long)horizon.TotalMilliseconds;

    /// <summary>The entry a batch with this fingerprint was stored in before the ones memory keeps (one indexed query, or none when memory covers the horizon).</summary>
    public Task<long?> FindStoredBatchAsync(ulong fingerprint, long since) => log.FindStoredBatchAsync(fingerprint, since);

    /// <summary>
    /// The entry that logged a batch with this fingerprint: memory first, as it also knows appends still under way, else what
    /// <see cref="FindStoredBatchAsync"/> found (<paramref name="stored"/>).
    /// </summary>
    public long? FindResent(ulong fingerprint, long since, long? stored) => log.FindRecentBatch(fingerprint, since) ?? stored;

    /// <summary>Whether <paramref name="stored"/> holds this very batch, id for id (two batches may share a fingerprint).</summary>
    public static bool Holds(EventsEntry stored, EventBatch batch) => stored.Batch.Ids.AsSpan().SequenceEqual(batch.Ids);

    /// <summary>
    /// Splits the rows of <paramref name="batch"/> into those not logged yet and those logged within the horizon (where: <c>Located</c>,
    /// by row; sequence 0 for a fresh row), by id among the newest ids memory keeps.
    /// </summary>
    public (List<int> Fresh, List<int> Duplicates, (long Sequence, int Position)[] Located) SplitEvents(EventBatch batch, ulong[] hashes, long since)
    {
        var located = log.LocateRecent(hashes, since);
        var fresh = new List<int>(batch.Count);
        var duplicates = new List<int>();
        for (var row = 0; row < batch.Count; row++)
        {
            var (sequence, position) = located[row];
            // An entry still in memory shows whether the id is the same (not just its hash); one that is not is trusted by its hash.
            var same = sequence > 0 && (log.FindRecentEvents(sequence) is not { } recent || (position < recent.Batch.Count && recent.Batch.Ids[position] == batch.Ids[row]));
            (same ? duplicates : fresh).Add(row);
        }

        return (fresh, duplicates, located);
    }

    /// <summary>For each label hash, the entry that logged a label for the same id within the horizon (memory only); sequence 0 when none did.</summary>
    public (long Sequence, int Position)[] LocateLabels(ulong[] labelHashes, long since) => log.LocateRecent(labelHashes, since);

    /// <summary>
    /// The hashes an events entry is indexed under: its events' (<paramref name="hashes"/> of the submitted batch, only the
    /// <paramref name="rows"/> taken when not all), then the label hashes of the rows it carries labels for.
    /// </summary>
    public static ulong[] IndexHashes(ulong[] hashes, int[]? rows, EventBatch entryBatch)
    {
        var eventHashes = rows is null ? hashes : rows.Select(r => hashes[r]).ToArray();
        return [.. eventHashes, .. LabelledHashes(entryBatch)];
    }

    /// <summary>Events sent with their labels are labelled already: a later label for them is a duplicate.</summary>
    private static IEnumerable<ulong> LabelledHashes(EventBatch batch)
    {
        if (batch.Labels is not { } labels)
        {
            yield break;
        }

        for (var row = 0; row < labels.Length; row++)
        {
            if (!double.IsNaN(labels[row]))
            {
                yield return LabelIdHash.Of(batch.Ids[row]);
            }
        }
    }
}
