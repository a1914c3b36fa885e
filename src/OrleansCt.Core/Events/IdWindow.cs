namespace OrleansCt.Core.Events;

/// <summary>
/// The in-memory part of the id index: id hash to (sequence, position) for the most recent entries, bounded by a
/// number of hashes. It knows since when it is complete, so a lookup only goes to the stored index for times it
/// does not cover.
/// </summary>
public sealed class IdWindow(int capacity)
{
    private readonly Dictionary<ulong, (long Sequence, int Position)> _index = [];
    private readonly Queue<(long Sequence, long ArrivalUnixMs, ulong[] Hashes)> _blocks = new();
    private readonly Dictionary<long, long> _arrivals = [];

    /// <summary>Every id that arrived at or after this time is in the window.</summary>
    public long CompleteSinceUnixMs { get; private set; } = long.MinValue;

    /// <summary>Marks the window as complete only from <paramref name="unixMs"/> on (after warming from a partial read).</summary>
    public void CompleteFrom(long unixMs) => CompleteSinceUnixMs = Math.Max(CompleteSinceUnixMs, unixMs);

    public void Add(long sequence, long arrivalUnixMs, ulong[] hashes)
    {
        for (var i = 0; i < hashes.Length; i++)
        {
            _index[hashes[i]] = (sequence, i);
        }

        _blocks.Enqueue((sequence, arrivalUnixMs, hashes));
        _arrivals[sequence] = arrivalUnixMs;
        while (_index.Count > capacity && _blocks.Count > 1)
        {
            Evict();
        }
    }

    /// <summary>Finds where a hash was logged, among entries that arrived at or after <paramref name="sinceUnixMs"/>.</summary>
    public bool TryFind(ulong hash, long sinceUnixMs, out long sequence, out int position)
    {
        var found = _index.TryGetValue(hash, out var at) && _arrivals[at.Sequence] >= sinceUnixMs;
        (sequence, position) = found ? at : default;
        return found;
    }

    /// <summary>True when a lookup of ids that arrived since <paramref name="sinceUnixMs"/> can trust a miss.</summary>
    public bool Covers(long sinceUnixMs) => sinceUnixMs >= CompleteSinceUnixMs;

    /// <summary>Drops the blocks of entries up to <paramref name="sequence"/> (retention removed them from the log too, so misses stay true).</summary>
    public void Forget(long sequence)
    {
        while (_blocks.Count > 0 && _blocks.Peek().Sequence <= sequence)
        {
            var (oldest, _, hashes) = _blocks.Dequeue();
            _arrivals.Remove(oldest);
            foreach (var hash in hashes)
            {
                if (_index.TryGetValue(hash, out var at) && at.Sequence == oldest)
                {
                    _index.Remove(hash);
                }
            }
        }
    }

    private void Evict()
    {
        var (sequence, arrival, hashes) = _blocks.Dequeue();
        _arrivals.Remove(sequence);
        for (var i = 0; i < hashes.Length; i++)
        {
            if (_index.TryGetValue(hashes[i], out var at) && at.Sequence == sequence)
            {
                _index.Remove(hashes[i]);
            }
        }

        CompleteFrom(arrival + 1);
    }
}
