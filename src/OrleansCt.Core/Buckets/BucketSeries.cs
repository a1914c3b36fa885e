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
