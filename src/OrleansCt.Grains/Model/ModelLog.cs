using OrleansCt.Core.Events;
using OrleansCt.Grains.Log;
using OrleansCt.Storage.Log;

namespace OrleansCt.Grains.Model;

/// <summary>
/// One model's view of the log: fenced appends at the next sequence, id lookups (memory first, then the stored id
/// index), and entries read back by sequence.
/// </summary>
internal sealed class ModelLog(string model, IEventLog log, LogCodec codec, ModelGrainOptions options)
{
    private const int ReadPage = 256;
    private readonly IdWindow _ids = new(options.RecentIds);
    private readonly RecentEntries _recent = new(options.RecentEvents);

    public long LastSequence { get; private set; }

    /// <summary>Reads the last sequence and warms the id window with the ids inside the dedup horizon.</summary>
    public async Task OpenAsync(long nowUnixMs, CancellationToken cancellationToken)
    {
        LastSequence = await log.LastSequenceAsync(model, cancellationToken);
        if (LastSequence == 0)
        {
            return;
        }

        var since = nowUnixMs - (long)options.DedupHorizon.TotalMilliseconds;
        foreach (var block in await log.ReadIdIndexAsync(model, since, cancellationToken))
        {
            _ids.Add(block.Sequence, block.ArrivalUnixMs, block.Hashes);
        }

        _ids.CompleteFrom(since);
    }

    /// <summary>Appends at the next sequence; returns it once the entry is durable.</summary>
    public async Task<long> AppendAsync(LogEntry entry, ulong[] idHashes)
    {
        var sequence = LastSequence + 1;
        await log.AppendAsync(codec.Encode(model, sequence, entry, idHashes));
        LastSequence = sequence;
        if (idHashes.Length > 0)
        {
            _ids.Add(sequence, entry.ArrivalUnixMs, idHashes);
        }

        Remember(sequence, entry);
        return sequence;
    }

    /// <summary>Forgets, in memory, the entries retention dropped from the log, so memory and log answer alike.</summary>
    public void Forget(long throughSequence)
    {
        _ids.Forget(throughSequence);
        _recent.Forget(throughSequence);
    }

    public void Remember(long sequence, LogEntry entry)
    {
        if (entry is EventsEntry events)
        {
            _recent.Add(sequence, events);
        }
    }

    /// <summary>For each hash, where it was logged at or after <paramref name="sinceUnixMs"/>; sequence 0 when nowhere.</summary>
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
