using System.Runtime.Intrinsics;

namespace OrleansCt.Core.Buckets;

/// <summary>
/// The buckets of one stream. By event time: an event goes to the bucket of its time; the watermark (largest event
/// time seen minus the allowed lateness) closes every bucket that ends at or before it, into a short ring; an event
/// whose bucket has closed is counted late and goes to the newest open bucket. By count: a bucket closes at the
/// first batch boundary after it holds the configured number of events. Reads no clock: replaying the same events
/// gives the same buckets.
/// </summary>
public sealed class BucketSeries<T>(BucketOptions options, Func<T> create)
    where T : IBucketState<T>
{
    private readonly SortedDictionary<long, Bucket<T>> _open = [];
    private readonly LinkedList<Bucket<T>> _closed = new();

    // The bucket found last (routed to, or found for a label): consecutive events and labels nearly always share one, so it is
    // checked before the tree. It is valid while it is open, or closed but still in the ring.
    private Bucket<T>? _last;

    public BucketOptions Options { get; } = options;

    /// <summary>Largest event time seen minus the allowed lateness; buckets ending at or before it are closed.</summary>
    public double Watermark { get; private set; } = double.NegativeInfinity;

    public double MaxEventTime { get; private set; } = double.NegativeInfinity;

    public long LateEvents { get; private set; }

    /// <summary>Called with each bucket as it closes, before the ring may drop it.</summary>
    public Action<Bucket<T>>? Closing { get; set; }

    /// <summary>Closed buckets, oldest first (at most <see cref="BucketOptions.Ring"/>).</summary>
    public IEnumerable<Bucket<T>> Closed => _closed;

    /// <summary>Open buckets, oldest first.</summary>
    public IEnumerable<Bucket<T>> Open => _open.Values;

    private bool ByTime => Options.Seconds is not null;

    /// <summary>The bucket an event of this time goes to; call <see cref="Advance"/> once the batch is routed.</summary>
    public Bucket<T> Route(double eventTime)
    {
        Bucket<T> bucket;
        if (!ByTime)
        {
            bucket = Current() ?? OpenBucket(_closed.Last is { } last ? last.Value.Index + 1 : 0);
        }
        else
        {
            var index = (long)Math.Floor(eventTime / Options.Seconds!.Value);
            var end = (index + 1) * Options.Seconds.Value;
            if (_last is { Closed: false } last && last.Index == index && end > Watermark)
            {
                bucket = last;
            }
            else if (end <= Watermark || IsClosed(index))
            {
                LateEvents++;
                bucket = Current() ?? OpenBucket(index);
                bucket.Late++;
            }
            else
            {
                bucket = _last = _open.TryGetValue(index, out var open) ? open : OpenBucket(index);
            }

            MaxEventTime = Math.Max(MaxEventTime, eventTime);
        }

        bucket.Events++;
        return bucket;
    }

    /// <summary>
    /// Routes these events at once when <see cref="Route"/> would send every one of them to the same bucket and none would be late: by
    /// count always (a batch never leaves the current bucket); by time when their times are finite and all in the open bucket routed to
    /// last, which the watermark has not passed. Counts them as Route does (events, and the largest event time) and returns that bucket; or
    /// routes nothing and returns null, for the caller to route them one by one.
    /// </summary>
    public Bucket<T>? RouteAll(ReadOnlySpan<double> eventTimes)
    {
        if (eventTimes.IsEmpty)
        {
            return null;
        }

        if (!ByTime)
        {
            var current = Route(eventTimes[0]);
            current.Events += eventTimes.Length - 1;
            return current;
        }

        if (_last is not { Closed: false } last || Range(eventTimes) is not var (low, high))
        {
            return null;
        }

        // Division by the positive bucket length and Math.Floor keep order, so the earliest and the latest event sharing the bucket's index
        // means every one does; the bucket's end is Route's own expression.
        var seconds = Options.Seconds!.Value;
        var index = (long)Math.Floor(low / seconds);
        if (index != last.Index || (long)Math.Floor(high / seconds) != index || !((index + 1) * seconds > Watermark))
        {
            return null;
        }

        MaxEventTime = Math.Max(MaxEventTime, high);
        last.Events += eventTimes.Length;
        return last;
    }

    // The smallest and largest time, or null when one is not finite or the largest is a zero (whose sign Math.Max would weigh, one by one;
    // Find does not care, but one rule for both is simpler).
    private static (double Low, double High)? Range(ReadOnlySpan<double> times)
    {
        var (low, high, spread) = (double.PositiveInfinity, double.NegativeInfinity, 0.0);
        var i = 0;
        if (Vector256.IsHardwareAccelerated && times.Length >= Vector256<double>.Count)
        {
            var (lows, highs, spreads) = (Vector256.Create(low), Vector256.Create(high), Vector256<double>.Zero);
            for (; i <= times.Length - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                // t − t is 0 for a finite t and NaN otherwise, so the spreads turn NaN at the first time that is not finite.
                var t = Vector256.Create(times.Slice(i, Vector256<double>.Count));
                spreads += t - t;
                lows = Vector256.MinNative(lows, t);
                highs = Vector256.MaxNative(highs, t);
            }

            spread = Vector256.Sum(spreads);
            for (var j = 0; j < Vector256<double>.Count; j++)
            {
                (low, high) = (double.MinNative(low, lows[j]), double.MaxNative(high, highs[j]));
            }
        }

        for (; i < times.Length; i++)
        {
            var t = times[i];
            spread += t - t;
            (low, high) = (double.MinNative(low, t), double.MaxNative(high, t));
        }

        return double.IsNaN(spread) || high == 0 ? null : (low, high);
    }

    /// <summary>Moves the watermark and closes what it has passed (by time), or closes a full bucket (by count).</summary>
    public void Advance()
    {
        if (!ByTime)
        {
            if (Current() is { } current && current.Events >= Options.Events)
            {
                Close(current);
            }

            return;
        }

        Watermark = Math.Max(Watermark, MaxEventTime - Options.AllowedLatenessSeconds);
        while (_open.Count > 0 && _open.First().Value is var first && first.End <= Watermark)
        {
            Close(first);
        }
    }

    /// <summary>The open or ring bucket that holds this event time (by time), or null when it has left the ring.</summary>
    public Bucket<T>? Find(double eventTime)
    {
        if (!ByTime)
        {
            return null;
        }

        var index = (long)Math.Floor(eventTime / Options.Seconds!.Value);
        if (_last is { } last && last.Index == index && (!last.Closed || last.InRing))
        {
            return last;
        }

        var found = _open.TryGetValue(index, out var open) ? open : _closed.FirstOrDefault(b => b.Index == index);
        _last = found ?? _last;
        return found;
    }

    /// <summary>
    /// <see cref="Find(double)"/> for events whose times all fall in one bucket's span (by time; finite times), which is then the bucket
    /// found, or null: true. False, finding nothing, when they may not, for the caller to find them one by one.
    /// </summary>
    public bool TryFindAll(ReadOnlySpan<double> eventTimes, out Bucket<T>? bucket)
    {
        bucket = null;
        if (!ByTime || eventTimes.IsEmpty || Range(eventTimes) is not var (low, high))
        {
            return false;
        }

        var seconds = Options.Seconds!.Value;
        if ((long)Math.Floor(low / seconds) != (long)Math.Floor(high / seconds))
        {
            return false;
        }

        bucket = Find(low);
        return true;
    }

    /// <summary>
    /// The open or ring bucket that holds the events of the log entry at <paramref name="sequence"/> (by count, where a
    /// batch never straddles two buckets), or null when it has left the ring.
    /// </summary>
    public Bucket<T>? FindBySequence(long sequence) =>
        sequence <= 0 ? null : _closed.Concat(_open.Values).FirstOrDefault(b => b.FirstSequence <= sequence && sequence <= b.LastSequence);

    /// <summary>Merges the state of every bucket, open and closed, that <paramref name="include"/> selects.</summary>
    public T Merge(Func<Bucket<T>, bool> include)
    {
        var merged = create();
        foreach (var bucket in _closed.Concat(_open.Values).Where(include))
        {
            merged.Merge(bucket.State);
        }

        return merged;
    }

    /// <summary>Restores a series from a checkpoint: its clocks and its buckets (open and closed, oldest first).</summary>
    public void Restore(double watermark, double maxEventTime, long lateEvents, IEnumerable<Bucket<T>> buckets)
    {
        (Watermark, MaxEventTime, LateEvents) = (watermark, maxEventTime, lateEvents);
        _open.Clear();
        _closed.Clear();
        _last = null;
        foreach (var bucket in buckets)
        {
            if (bucket.Closed)
            {
                bucket.InRing = true;
                _closed.AddLast(bucket);
            }
            else
            {
                _open[bucket.Index] = bucket;
            }
        }
    }

    /// <summary>A bucket with this index and span, for restoring.</summary>
    public Bucket<T> Shape(long index, T state) =>
        ByTime ? new Bucket<T>(index, index * Options.Seconds!.Value, (index + 1) * Options.Seconds.Value, state) : new Bucket<T>(index, double.NaN, double.NaN, state);

    private Bucket<T>? Current() => _open.Count == 0 ? null : _open.Last().Value;

    private bool IsClosed(long index) => _closed.Count > 0 && index <= _closed.Last!.Value.Index;

    private Bucket<T> OpenBucket(long index)
    {
        var bucket = Shape(index, create());
        _open[index] = bucket;
        return bucket;
    }

    private void Close(Bucket<T> bucket)
    {
        _open.Remove(bucket.Index);
        bucket.Closed = true;
        bucket.InRing = true;
        Closing?.Invoke(bucket);
        _closed.AddLast(bucket);
        while (_closed.Count > Options.Ring)
        {
            _closed.First!.Value.InRing = false;
            _closed.RemoveFirst();
        }
    }
}
