using OrleansCt.Core.Events;
using OrleansCt.Core.Hashing;
using OrleansCt.Core.Labels;
using OrleansCt.Core.Schema;
using OrleansCt.Grains.Log;

namespace OrleansCt.Grains.Model;

/// <summary>Joins labels to the events their ids name, however old (memory, then the stored id index), and builds the label entry.</summary>
internal sealed class LabelJoiner(ModelLog log)
{
    /// <summary>
    /// For each label, where an event with its id's hash was logged (sequence 0: nowhere retained) and, in <c>Entries</c>, that
    /// entry when it holds that very id at that position (null otherwise: a hash collision, or an entry no longer retained).
    /// </summary>
    public async Task<(EventsEntry?[] Entries, (long Sequence, int Position)[] Located)> FindEventsAsync(LabelBatch batch)
    {
        var events = await log.LocateAsync(EventIdHash.Of(batch.Ids), long.MinValue);
        var joinable = new EventsEntry?[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            if (events[i].Sequence > 0 && await log.GetEventsAsync(events[i].Sequence) is { } entry
                && events[i].Position < entry.Batch.Count && entry.Batch.Ids[events[i].Position] == batch.Ids[i])
            {
                joinable[i] = entry;
            }
        }

        return (joinable, events);
    }

    /// <summary>
    /// Decides each label: a duplicate when its id was labelled before (<paramref name="earlier"/>, by label), else joined to its
    /// event when <paramref name="entries"/> holds one (at <paramref name="located"/>), else unmatched.
    /// </summary>
    public static LabelJoinResult Join(LabelBatch batch, (long Sequence, int Position)[] earlier, EventsEntry?[] entries, (long Sequence, int Position)[] located)
    {
        var sequences = new long[batch.Count];
        var rows = new int[batch.Count];
        var joined = new List<(EventsEntry Entry, int Row)>();
        var answeredFrom = new HashSet<long>();
        var duplicates = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            rows[i] = -1;
            if (earlier[i].Sequence > 0)
            {
                sequences[i] = LabelJoin.Duplicate;
                answeredFrom.Add(earlier[i].Sequence);
                duplicates++;
            }
            else if (entries[i] is { } entry)
            {
                (sequences[i], rows[i]) = (located[i].Sequence, joined.Count);
                joined.Add((entry, located[i].Position));
                answeredFrom.Add(located[i].Sequence);
            }
            else
            {
                sequences[i] = LabelJoin.Unmatched;
            }
        }

        return new LabelJoinResult(sequences, rows, joined, answeredFrom, duplicates);
    }

    /// <summary>The entry that logs the labels with copies of the rows and predictions they joined, so that a replay needs no other entry.</summary>
    public static LabelsEntry Entry(long arrivalUnixMs, LabelBatch batch, LabelJoinResult join, ModelSchema schema)
    {
        string[] versions = [.. join.Joined.Select(j => j.Entry.VersionOf(j.Row))];
        var online = versions.All(v => v == SnapshotFactory.OnlineVersion) ? null : OnlineOf(join, schema.PredictionWidth);
        return new(arrivalUnixMs, batch.Ids, batch.Labels, join.EventSequences, join.EventRows,
            BatchRows.Gather(join.Joined.Select(j => (j.Entry.Batch, j.Row)).ToList(), schema.Numeric.Count, schema.Categorical.Count),
            BatchRows.Gather(join.Joined.Select(j => (j.Entry.Predictions, j.Row)).ToList(), schema.PredictionWidth),
            join.Joined.Select(j => j.Entry.ArrivalUnixMs).ToArray(),
            online is null ? null : versions,
            online);
    }

    /// <summary>The online learner's prediction for each joined row: its answer, or its prediction beside another version's; NaN where it made none.</summary>
    private static Predictions OnlineOf(LabelJoinResult join, int width)
    {
        var scores = new double[join.Joined.Count * width];
        Array.Fill(scores, double.NaN);
        for (var i = 0; i < join.Joined.Count; i++)
        {
            var (entry, row) = join.Joined[i];
            entry.PredictionOf(SnapshotFactory.OnlineVersion, row).CopyTo(scores.AsSpan(i * width, width));
        }

        return new Predictions(width, scores);
    }
}
