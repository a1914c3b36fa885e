using OrleansCt.Core.Events;
using OrleansCt.Grains.Log;
using OrleansCt.Storage.Log;

namespace OrleansCt.Grains.Model;

/// <summary>
/// One model's view of the log: fenced appends at the next sequence, entries read back by sequence, and three look-ups:
/// recent ids (memory only: the id window), resent batches (by fingerprint: memory, then one indexed query of the batch
/// index), and the events labels join (memory, then a scan of the stored id index).
/// </summary>
internal sealed class ModelLog(string model, IEventLog log, LogCodec codec, ModelGrainOptions options)
{
    private const int ReadPage = 256;
    private readonly IdWindow _ids = new(options.RecentIds);
    private readonly RecentEntries _recent = new(options.RecentEvents);
    private readonly RecentBatches _batches = new(options.RecentBatches);

    /// <summary>The last sequence taken: durable, or being appended.</summary>
    public long LastSequence { get; private set; }

    /// <summary>Reads the last sequence and warms the id window with the ids inside the dedup horizon.</summary>
    public async Task OpenAsync(long nowUnixMs, CancellationToken cancellationToken)
    {
        LastSequence = await log.LastSequenceAsync(model, cancellationToken);
        if (LastSequence == 0)
        {
            return;
        }

        // Only as many of the newest ids and fingerprints as memory keeps: the id window is complete from its oldest block on.
        var since = nowUnixMs - (long)options.DedupHorizon.TotalMilliseconds;
        var blocks = await log.ReadIdIndexAsync(model, since, options.RecentIds, cancellationToken);
        foreach (var block in blocks)
        {
            _ids.Add(block.Sequence, block.ArrivalUnixMs, block.Hashes);
        }

        var full = blocks.Sum(b => (long)b.Hashes.Length) >= options.RecentIds;
        _ids.CompleteFrom(full && blocks.Count > 0 ? blocks[0].ArrivalUnixMs + 1 : since);
        var batches = await log.ReadBatchIndexAsync(model, since, options.RecentBatches, cancellationToken);
        foreach (var batch in batches)
        {
            _batches.Add(batch.Fingerprint, batch.Sequence, batch.ArrivalUnixMs);
        }

        _batches.CompleteFrom(batches.Count >= options.RecentBatches && batches.Count > 0 ? batches[0].ArrivalUnixMs + 1 : since);
    }

    /// <summary>
    /// Takes the next sequence for <paramref name="entry"/> and starts its append, whose task completes once it is durable. Its ids,
    /// fingerprint (non-zero: it goes to the batch index) and the entry are remembered at once, so a request that repeats them while
    /// the append is under way finds them (and must wait for that task before answering from them). Appends started one after
    /// another are queued in that order; should one fail, the caller must drop everything remembered (deactivate) and replay the log.
    /// </summary>
    public (long Sequence, Task Durable) Reserve(LogEntry entry, ulong[] idHashes, ulong fingerprint = 0)
    {
        var sequence = LastSequence + 1;
        var durable = log.AppendAsync(codec.Encode(model, sequence, entry, idHashes, fingerprint));
        LastSequence = sequence;
        if (idHashes.Length > 0)
        {
            _ids.Add(sequence, entry.ArrivalUnixMs, idHashes);
        }

        if (fingerprint != 0)
        {
            _batches.Add(fingerprint, sequence, entry.ArrivalUnixMs);
        }

        Remember(sequence, entry);
        return (sequence, durable);
    }

    /// <summary>Forgets, in memory, the entries retention dropped from the log, so memory and log answer alike.</summary>
    public void Forget(long throughSequence)
    {
        _ids.Forget(throughSequence);
        _recent.Forget(throughSequence);
        _batches.Forget(throughSequence);
    }

    public void Remember(long sequence, LogEntry entry)
    {
        if (entry is EventsEntry events)
        {
            _recent.Add(sequence, events);
        }
    }

    /// <summary>
    /// For each hash, where it was logged at or after <paramref name="sinceUnixMs"/> among the ids memory keeps (the newest
    /// <c>RecentIds</c>); sequence 0 when not there. Never reads storage, so its cost does not grow with the log.
    /// </summary>
    public (long Sequence, int Position)[] LocateRecent(ulong[] hashes, long sinceUnixMs)
    {
        var found = new (long Sequence, int Position)[hashes.Length];
        for (var i = 0; i < hashes.Length; i++)
        {
            if (_ids.TryFind(hashes[i], sinceUnixMs, out var sequence, out var position))
            {
                found[i] = (sequence, position);
            }
        }

        return found;
    }

    /// <summary>The latest entry taken at or after <paramref name="sinceUnixMs"/> with this batch fingerprint, among those memory keeps.</summary>
    public long? FindRecentBatch(ulong fingerprint, long sinceUnixMs) => _batches.TryFind(fingerprint, sinceUnixMs, out var sequence) ? sequence : null;

    /// <summary>
    /// The latest stored entry with this batch fingerprint that arrived at or after <paramref name="sinceUnixMs"/> before the newest
    /// ones memory keeps (one indexed query; null without asking when memory covers the horizon).
    /// </summary>
    public async Task<long?> FindStoredBatchAsync(ulong fingerprint, long sinceUnixMs) =>
        _batches.Covers(sinceUnixMs) ? null : await log.FindBatchAsync(model, fingerprint, sinceUnixMs);

    /// <summary>An event entry from memory only (null when it is not among the recent ones).</summary>
    public EventsEntry? FindRecentEvents(long sequence) => _recent.Find(sequence);

    /// <summary>For each hash, where it was logged at or after <paramref name="sinceUnixMs"/>: memory, then the stored id index; sequence 0 when nowhere.</summary>
    public async Task<(long Sequence, int Position)[]> LocateAsync(ulong[] hashes, long sinceUnixMs)
    {
        var found = new (long Sequence, int Position)[hashes.Length];
        var misses = new List<int>();
        for (var i = 0; i < hashes.Length; i++)
        {
            if (_ids.TryFind(hashes[i], sinceUnixMs, out var sequence, out var position))
            {
                found[i] = (sequence, position);
            }
            else
            {
                misses.Add(i);
            }
        }

        if (misses.Count == 0 || _ids.Covers(sinceUnixMs))
        {
            return found;
        }

        var stored = await log.FindIdsAsync(model, misses.Select(i => hashes[i]).ToArray(), sinceUnixMs);
        var byHash = stored.ToDictionary(l => l.Hash);
        foreach (var i in misses)
        {
            if (byHash.TryGetValue(hashes[i], out var location))
            {
                found[i] = (location.Sequence, location.Position);
            }
        }

        return found;
    }

    /// <summary>An event entry from memory, or read back from the log; null when it is not retained.</summary>
    public async Task<EventsEntry?> GetEventsAsync(long sequence)
    {
        if (_recent.Find(sequence) is { } recent)
        {
            return recent;
        }

        var record = await log.ReadAsync(model, sequence);
        return record is null ? null : codec.Decode(record) as EventsEntry;
    }

    public async IAsyncEnumerable<(long Sequence, LogEntry Entry)> ReadAfterAsync(long afterSequence)
    {
        while (true)
        {
            var page = await log.ReadAfterAsync(model, afterSequence, ReadPage);
            foreach (var record in page)
            {
                yield return (record.Sequence, codec.Decode(record));
                afterSequence = record.Sequence;
            }

            if (page.Count < ReadPage)
            {
                yield break;
            }
        }
    }
}
