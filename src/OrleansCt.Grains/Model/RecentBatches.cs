namespace OrleansCt.Grains.Model;

/// <summary>
/// The newest batch fingerprints with the entry that stored each, bounded by their number. Like the id window it knows
/// since when it is complete, so a miss is only looked up in the stored batch index for times it does not cover.
/// </summary>
internal sealed class RecentBatches(int capacity)
{
    private readonly Dictionary<ulong, (long Sequence, long ArrivalUnixMs)> _bySequence = [];
    private readonly Queue<(ulong Fingerprint, long Sequence)> _order = new();

    /// <summary>Every fingerprint stored at or after this time is here.</summary>
    public long CompleteSinceUnixMs { get; private set; } = long.MinValue;

    public void CompleteFrom(long unixMs) => CompleteSinceUnixMs = Math.Max(CompleteSinceUnixMs, unixMs);

    public void Add(ulong fingerprint, long sequence, long arrivalUnixMs)
    {
        _bySequence[fingerprint] = (sequence, arrivalUnixMs);
        _order.Enqueue((fingerprint, sequence));
        while (_order.Count > Math.Max(1, capacity))
        {
            var (oldest, at) = _order.Dequeue();
            if (_bySequence.TryGetValue(oldest, out var kept) && kept.Sequence == at)
            {
                _bySequence.Remove(oldest);
                CompleteFrom(kept.ArrivalUnixMs + 1);
            }
        }
    }

    public bool TryFind(ulong fingerprint, long sinceUnixMs, out long sequence)
    {
        var found = _bySequence.TryGetValue(fingerprint, out var at) && at.ArrivalUnixMs >= sinceUnixMs;
        sequence = found ? at.Sequence : 0;
        return found;
    }

    /// <summary>True when a miss for batches stored since <paramref name="sinceUnixMs"/> can be trusted.</summary>
    public bool Covers(long sinceUnixMs) => sinceUnixMs >= CompleteSinceUnixMs;

    /// <summary>Drops the fingerprints of entries up to <paramref name="sequence"/>, which retention removed from the log.</summary>
    public void Forget(long sequence)
    {
        while (_order.Count > 0 && _order.Peek().Sequence <= sequence)
        {
            var (oldest, at) = _order.Dequeue();
            if (_bySequence.TryGetValue(oldest, out var kept) && kept.Sequence == at)
            {
                _bySequence.Remove(oldest);
            }
        }
    }
}
