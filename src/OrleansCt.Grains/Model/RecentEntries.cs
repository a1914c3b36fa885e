using OrleansCt.Grains.Log;

namespace OrleansCt.Grains.Model;

/// <summary>Recent event entries kept decoded in memory for label joins, bounded by their number of events.</summary>
internal sealed class RecentEntries(int capacity)
{
    private readonly Dictionary<long, EventsEntry> _bySequence = [];
    private readonly Queue<long> _order = new();
    private int _events;

    public void Add(long sequence, EventsEntry entry)
    {
        if (!_bySequence.TryAdd(sequence, entry))
        {
            return;
        }

        _order.Enqueue(sequence);
        _events += entry.Batch.Count;
        while (_events > capacity && _order.Count > 1)
        {
            var oldest = _order.Dequeue();
            _events -= _bySequence[oldest].Batch.Count;
            _bySequence.Remove(oldest);
        }
    }

    public EventsEntry? Find(long sequence) => _bySequence.GetValueOrDefault(sequence);

    /// <summary>Drops entries up to <paramref name="sequence"/>, which retention removed from the log.</summary>
    public void Forget(long sequence)
    {
        while (_order.Count > 0 && _order.Peek() <= sequence)
        {
            var oldest = _order.Dequeue();
            _events -= _bySequence[oldest].Batch.Count;
            _bySequence.Remove(oldest);
        }
    }
}
