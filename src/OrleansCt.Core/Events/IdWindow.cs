namespace OrleansCt.Core.Events;

/// <summary>
/// The in-memory part of the id index: id hash to (sequence, position) for the most recent entries, bounded by a
/// number of hashes. It knows since when it is complete, so a lookup only goes to the stored index for times it
/// does not cover.
/// </summary>
/// <remarks>
/// One open-addressing table of hashes (linear probing) whose slots name the block (log entry) that put them there by a serial
/// number. Blocks leave in the order they came, so dropping the oldest block only moves the first live serial on: its slots turn
/// stale at once, without touching them (a dictionary removed each hash one by one, which cost as much as adding them). A stale
/// slot is taken again by the next hash that probes it, and the table is rebuilt from its live slots when it fills up. A hash
/// given again points at its newest block: an insert takes the first stale, empty or same-hash slot on its probe path, which a
/// look-up meets before any older slot of the same hash.
/// </remarks>
public sealed class IdWindow(int capacity)
{
    private const int MinSlots = 16;

    private readonly Queue<(long Serial, long Sequence, long ArrivalUnixMs, int Count)> _blocks = new();
    private readonly Dictionary<long, (long Sequence, long ArrivalUnixMs)> _bySerial = [];
    private ulong[] _keys = new ulong[MinSlots];
    private long[] _serials = new long[MinSlots];
    private int[] _positions = new int[MinSlots];
    private int _used;
    private long _nextSerial = 1;
    private long _oldestLive = 1;
    private long _liveHashes;

    /// <summary>Every id that arrived at or after this time is in the window.</summary>
    public long CompleteSinceUnixMs { get; private set; } = long.MinValue;

    /// <summary>Hashes held by the blocks in the window.</summary>
    public long Count => _liveHashes;

    /// <summary>Marks the window as complete only from <paramref name="unixMs"/> on (after warming from a partial read).</summary>
    public void CompleteFrom(long unixMs) => CompleteSinceUnixMs = Math.Max(CompleteSinceUnixMs, unixMs);

    public void Add(long sequence, long arrivalUnixMs, ulong[] hashes)
    {
        var serial = _nextSerial++;
        _blocks.Enqueue((serial, sequence, arrivalUnixMs, hashes.Length));
        _bySerial[serial] = (sequence, arrivalUnixMs);
        _liveHashes += hashes.Length;
        while (_liveHashes > capacity && _blocks.Count > 1)
        {
            var (_, _, arrival, _) = Drop();
            CompleteFrom(arrival + 1);
        }

        if ((_used + hashes.Length) * 10L > _keys.Length * 7L)
        {
            Rebuild(_liveHashes);
        }

        for (var i = 0; i < hashes.Length; i++)
        {
            Put(hashes[i], serial, i);
        }
    }

    /// <summary>Finds where a hash was logged, among entries that arrived at or after <paramref name="sinceUnixMs"/>.</summary>
    public bool TryFind(ulong hash, long sinceUnixMs, out long sequence, out int position)
    {
        var mask = _keys.Length - 1;
        for (var slot = (int)(hash & (ulong)mask); _serials[slot] != 0; slot = (slot + 1) & mask)
        {
            if (_keys[slot] == hash && _serials[slot] >= _oldestLive)
            {
                var (at, arrival) = _bySerial[_serials[slot]];
                (sequence, position) = arrival >= sinceUnixMs ? (at, _positions[slot]) : (0, 0);
                return arrival >= sinceUnixMs;
            }
        }

        (sequence, position) = (0, 0);
        return false;
    }

    /// <summary>True when a lookup of ids that arrived since <paramref name="sinceUnixMs"/> can trust a miss.</summary>
    public bool Covers(long sinceUnixMs) => sinceUnixMs >= CompleteSinceUnixMs;

    /// <summary>Drops the blocks of entries up to <paramref name="sequence"/> (retention removed them from the log too, so misses stay true).</summary>
    public void Forget(long sequence)
    {
        while (_blocks.Count > 0 && _blocks.Peek().Sequence <= sequence)
        {
            Drop();
        }
    }

    private (long Serial, long Sequence, long ArrivalUnixMs, int Count) Drop()
    {
        var oldest = _blocks.Dequeue();
        _bySerial.Remove(oldest.Serial);
        _oldestLive = oldest.Serial + 1;
        _liveHashes -= oldest.Count;
        return oldest;
    }

    private void Put(ulong hash, long serial, int position)
    {
        var mask = _keys.Length - 1;
        var slot = (int)(hash & (ulong)mask);
        while (_serials[slot] >= _oldestLive && _keys[slot] != hash)
        {
            slot = (slot + 1) & mask;
        }

        if (_serials[slot] == 0)
        {
            _used++;
        }

        (_keys[slot], _serials[slot], _positions[slot]) = (hash, serial, position);
    }

    /// <summary>A new table for at least <paramref name="live"/> hashes (load under a half) holding the live slots only.</summary>
    private void Rebuild(long live)
    {
        var (keys, serials, positions) = (_keys, _serials, _positions);
        var size = MinSlots;
        while (size < live * 2 + MinSlots)
        {
            size *= 2;
        }

        (_keys, _serials, _positions, _used) = (new ulong[size], new long[size], new int[size], 0);
        var mask = size - 1;
        for (var i = 0; i < keys.Length; i++)
        {
            if (serials[i] < _oldestLive)
            {
                continue;
            }

            // No stale slots here: probe to an empty slot or to the same hash, which keeps the newer of the two.
            var slot = (int)(keys[i] & (ulong)mask);
            while (_serials[slot] != 0 && _keys[slot] != keys[i])
            {
                slot = (slot + 1) & mask;
            }

            if (_serials[slot] == 0)
            {
                _used++;
            }
            else if (_serials[slot] > serials[i] || (_serials[slot] == serials[i] && _positions[slot] > positions[i]))
            {
                continue;
            }

            (_keys[slot], _serials[slot], _positions[slot]) = (keys[i], serials[i], positions[i]);
        }
    }
}
