namespace OrleansCt.Core.Buckets;

/// <summary>
/// One slice of the stream: [Start, End) in event time (or the Index-th block of events), what it accumulated, how
/// many of its events came late, and how many labels reached it after it closed.
/// </summary>
public sealed class Bucket<T>(long index, double start, double end, T state)
{
    public long Index { get; } = index;

    public double Start { get; } = start;

    public double End { get; } = end;

    public T State { get; } = state;

    public bool Closed { get; internal set; }

    /// <summary>Closed and still in the series' ring.</summary>
    internal bool InRing { get; set; }

    public long Events { get; internal set; }

    /// <summary>Events that belonged to an already closed bucket and were counted here instead.</summary>
    public long Late { get; internal set; }

    /// <summary>Labels that arrived after this bucket closed (and still updated it).</summary>
    public long LabelsAfterClose { get; internal set; }

    /// <summary>The first and last log sequences whose events this bucket holds (0 when unknown).</summary>
    public long FirstSequence { get; private set; }

    public long LastSequence { get; private set; }

    /// <summary>
    /// True once what the bucket holds has been folded into a stream-wide total (the monitor folds a bucket's numeric sketches into
    /// the whole stream's when it closes); later additions for it must then go to both.
    /// </summary>
    public bool Folded { get; set; }

    /// <summary>Notes that events of the log entry at <paramref name="sequence"/> went to this bucket.</summary>
    public void Holds(long sequence)
    {
        if (sequence <= 0)
        {
            return;
        }

        FirstSequence = FirstSequence == 0 ? sequence : Math.Min(FirstSequence, sequence);
        LastSequence = Math.Max(LastSequence, sequence);
    }

    internal void Restore(bool closed, long events, long late, long labelsAfterClose, long firstSequence, long lastSequence) =>
        (Closed, Events, Late, LabelsAfterClose, FirstSequence, LastSequence) = (closed, events, late, labelsAfterClose, firstSequence, lastSequence);
}
