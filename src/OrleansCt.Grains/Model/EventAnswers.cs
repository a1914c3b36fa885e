using OrleansCt.Abstractions.Models;
using OrleansCt.Core.Events;
using OrleansCt.Grains.Log;

namespace OrleansCt.Grains.Model;

/// <summary>The answer to an events submission, row by row: the predictions and the versions that made them, taken from the entries that logged the rows.</summary>
/// <remarks>A struct over the two arrays the answer is made of, so that assembling it allocates nothing beside them.</remarks>
internal readonly struct EventAnswers
{
    private readonly int _width;

    /// <summary>Rows not filled in keep zeros and the submission's <paramref name="version"/>.</summary>
    public EventAnswers(int rows, int width, string version)
    {
        _width = width;
        Scores = new double[rows * width];
        Versions = new string[rows];
        Array.Fill(Versions, version);
    }

    public double[] Scores { get; }

    public string[] Versions { get; }

    /// <summary>The newer snapshot the caller should switch to, if the current one is past the one it predicted with.</summary>
    public static ModelSnapshot? Newer(ModelSnapshot? current, long snapshotSequence) =>
        current is not null && current.Sequence > snapshotSequence ? current : null;

    /// <summary>The entries an answer is taken from, each once: the one just appended at <paramref name="appendedAt"/> (0: none) and those that logged the duplicates.</summary>
    public static HashSet<long> Sources(long appendedAt, List<int> duplicates, (long Sequence, int Position)[] located)
    {
        var sources = new HashSet<long>();
        if (appendedAt > 0)
        {
            sources.Add(appendedAt);
        }

        foreach (var row in duplicates)
        {
            sources.Add(located[row].Sequence);
        }

        return sources;
    }

    /// <summary>A resent batch, answered whole from the entry that logged it.</summary>
    public static AppendEventsResult Resent(EventsEntry stored, int rows, ModelSnapshot? newer)
    {
        var versions = new string[rows];
        for (var row = 0; row < rows; row++)
        {
            versions[row] = stored.VersionOf(row);
        }

        return new AppendEventsResult(AppendStatus.Stored, stored.Predictions, versions, 0, rows, 0, newer);
    }

    /// <summary>Row <c>fresh[i]</c> of the submission from row i of <paramref name="entry"/> (the entry that logged the fresh rows).</summary>
    public void FromEntry(List<int> fresh, EventsEntry entry)
    {
        for (var i = 0; i < fresh.Count; i++)
        {
            entry.Predictions.Row(i).CopyTo(Scores.AsSpan(fresh[i] * _width, _width));
            Versions[fresh[i]] = entry.VersionOf(i);
        }
    }

    /// <summary>Row <paramref name="row"/> from <paramref name="position"/> of an entry logged before, if that entry holds that position.</summary>
    public void FromStored(int row, EventsEntry stored, int position)
    {
        if (position < stored.Batch.Count)
        {
            stored.Predictions.Row(position).CopyTo(Scores.AsSpan(row * _width, _width));
            Versions[row] = stored.VersionOf(position);
        }
    }

    /// <summary>The answer: <paramref name="fresh"/> rows were logged at <paramref name="appendedAt"/> (0: none), the rest were duplicates.</summary>
    public AppendEventsResult Stored(int fresh, long appendedAt, ModelSnapshot? newer) =>
        new(AppendStatus.Stored, new Predictions(_width, Scores), Versions, fresh, Versions.Length - fresh, appendedAt, newer);
}
