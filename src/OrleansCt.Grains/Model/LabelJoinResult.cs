using OrleansCt.Grains.Log;

namespace OrleansCt.Grains.Model;

/// <summary>
/// How each label of a batch joined: <see cref="EventSequences"/> (the event's sequence, or <see cref="LabelJoin.Duplicate"/> /
/// <see cref="LabelJoin.Unmatched"/>) and <see cref="EventRows"/> (its index in <see cref="Joined"/>, or -1), by label; and the
/// entries the answer depends on (those of the events joined and of the earlier labels).
/// </summary>
internal sealed record LabelJoinResult(long[] EventSequences, int[] EventRows, List<(EventsEntry Entry, int Row)> Joined, HashSet<long> AnsweredFrom, int Duplicates)
{
    /// <summary>Labels that are neither duplicates nor joined to an event.</summary>
    public int Unmatched => EventSequences.Length - Duplicates - Joined.Count;
}
