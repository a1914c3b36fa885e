using OrleansCt.Core.Events;

namespace OrleansCt.Grains.Training;

/// <summary>
/// The usable labelled rows of one log entry, copied out of it (labels set) with the predictions served for them and the online
/// learner's (its answers, or its predictions beside another version's; NaN where it made none).
/// </summary>
internal sealed record LabelledChunk(long Sequence, EventBatch Rows, Predictions Served, Predictions Online)
{
    public int Count => Rows.Count;

    /// <summary>The rows from <paramref name="start"/> on: the older ones were pushed out by newer rows.</summary>
    public LabelledChunk From(int start)
    {
        if (start == 0)
        {
            return this;
        }

        var rows = Enumerable.Range(start, Count - start).ToArray();
        return this with { Rows = Rows.Select(rows), Served = Served.Select(rows), Online = Online.Select(rows) };
    }
}
