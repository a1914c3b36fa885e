using OrleansCt.Core.Events;
using OrleansCt.Core.Registry;
using OrleansCt.Core.Schema;
using OrleansCt.Grains.Log;
using OrleansCt.Grains.Model;
using OrleansCt.Training.Rows;

namespace OrleansCt.Grains.Training;

/// <summary>
/// Gathers the training data a model's log held at a sequence (DESIGN.md log contract 7), from its entries in sequence order:
/// backfilled labels of event batches and labels that joined their events, the newest <see cref="MaxRows"/> of them in log order.
/// </summary>
/// <remarks>
/// It holds at most twice <see cref="MaxRows"/> rows however long the log: an entry keeps at most that many, and whole entries'
/// rows are let go once newer rows alone fill the limit.
/// </remarks>
public sealed class LabelledRowsCollector
{
    private readonly ModelSchema _schema;
    private readonly Queue<LabelledChunk> _chunks = new();
    private long _kept;
    private long _last;

    /// <param name="position">The sequence training happens at: entries after it (labels that came later) never count.</param>
    /// <param name="maxRows">How many of the newest labelled rows to keep.</param>
    public LabelledRowsCollector(ModelSchema schema, long position, int maxRows)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRows);
        (_schema, Position, MaxRows) = (schema, position, maxRows);
    }

    public long Position { get; }

    public int MaxRows { get; }

    /// <summary>Labelled rows met so far (see <see cref="LabelledRows.Seen"/>).</summary>
    public long Seen { get; private set; }

    public long Skipped { get; private set; }

    public long Unjoined { get; private set; }

    /// <summary>Takes the labelled rows of one entry; entries must come in increasing sequence order.</summary>
    /// <returns>False when <paramref name="sequence"/> is past <see cref="Position"/>: it and every later entry count for nothing, so reading can stop.</returns>
    public bool Add(long sequence, LogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (sequence <= _last)
        {
            throw new ArgumentException($"Log entries must come in increasing sequence order, but {sequence} came after {_last}.", nameof(sequence));
        }

        _last = sequence;
        if (sequence > Position)
        {
            return false;
        }

        // Definitions, references and kinds added later carry no labelled rows.
        switch (entry)
        {
            case EventsEntry events:
                AddEvents(sequence, events);
                break;
            case LabelsEntry labels:
                AddLabels(sequence, labels);
                break;
        }

        return true;
    }

    /// <summary>The rows kept so far; with none, <see cref="LabelledRows.IsEmpty"/> is true and the window is null.</summary>
    public LabelledRows Build()
    {
        // The oldest chunk may hold rows that newer ones pushed past the limit.
        var excess = (int)Math.Max(0, _kept - MaxRows);
        var chunks = _chunks.Select((chunk, i) => i == 0 ? chunk.From(excess) : chunk).ToList();
        var rows = TrainingRows.From(_schema, chunks.Select(c => c.Rows));
        var width = _schema.PredictionWidth;
        var served = new Predictions(width, [.. chunks.SelectMany(c => c.Served.Scores)]);
        var online = new Predictions(width, [.. chunks.SelectMany(c => c.Online.Scores)]);
        long[] sequences = [.. chunks.SelectMany(c => Enumerable.Repeat(c.Sequence, c.Count))];
        var window = rows.Count == 0
            ? null
            : new TrainingWindow(rows.Times.Min(), rows.Times.Max(), chunks[0].Sequence, chunks[^1].Sequence, rows.Count, rows.Digest);
        return new LabelledRows(rows, served, sequences, window, Seen, Skipped, Unjoined, online);
    }

    private void AddEvents(long sequence, EventsEntry entry)
    {
        if (entry.Batch.Labels is not { } labels)
        {
            return;
        }

        var rows = new List<int>();
        var values = new List<double>();
        for (var r = 0; r < labels.Length; r++)
        {
            if (!double.IsNaN(labels[r]))
            {
                rows.Add(r);
                values.Add(labels[r]);
            }
        }

        Take(sequence, entry.Batch, entry.Predictions, rows, values, r => entry.PredictionOf(SnapshotFactory.OnlineVersion, r));
    }

    private void AddLabels(long sequence, LabelsEntry entry)
    {
        var rows = new List<int>();
        var values = new List<double>();
        for (var i = 0; i < entry.Ids.Length; i++)
        {
            if (entry.EventRows[i] < 0)
            {
                Unjoined++;
            }
            else if (!double.IsNaN(entry.Labels[i]))
            {
                rows.Add(entry.EventRows[i]);
                values.Add(entry.Labels[i]);
            }
        }

        Take(sequence, entry.Joined, entry.JoinedPredictions, rows, values, r =>
            entry.JoinedVersions is null || entry.JoinedVersions[r] == SnapshotFactory.OnlineVersion ? entry.JoinedPredictions.Row(r)
            : entry.JoinedOnline is { } online ? online.Row(r)
            : []);
    }

    /// <summary>Keeps <paramref name="rows"/> of <paramref name="batch"/> with <paramref name="labels"/> (one per row).</summary>
    private delegate ReadOnlySpan<double> OnlineRow(int row);

    private void Take(long sequence, EventBatch batch, Predictions served, List<int> rows, List<double> labels, OnlineRow onlineOf)
    {
        Seen += rows.Count;
        if (rows.Count == 0)
        {
            return;
        }

        if (!HasSchemaShape(batch, served))
        {
            Skipped += rows.Count;
            return;
        }

        var usable = Enumerable.Range(0, rows.Count).Where(i => AllowsLabel(labels[i])).ToList();
        Skipped += rows.Count - usable.Count;

        // Rows of this entry beyond the newest MaxRows would be pushed out at once, so they are never copied.
        var taken = usable.Skip(Math.Max(0, usable.Count - MaxRows)).ToArray();
        if (taken.Length == 0)
        {
            return;
        }

        var picked = taken.Select(i => rows[i]).ToArray();
        var width = _schema.PredictionWidth;
        var online = new double[picked.Length * width];
        for (var i = 0; i < picked.Length; i++)
        {
            var row = onlineOf(picked[i]);
            if (row.Length == width)
            {
                row.CopyTo(online.AsSpan(i * width, width));
            }
            else
            {
                online.AsSpan(i * width, width).Fill(double.NaN);
            }
        }

        var chunk = new LabelledChunk(
            sequence,
            batch.Select(picked) with { Labels = [.. taken.Select(i => labels[i])] },
            served.Select(picked),
            new Predictions(width, online));
        _chunks.Enqueue(chunk);
        _kept += chunk.Count;
        while (_kept - _chunks.Peek().Count >= MaxRows)
        {
            _kept -= _chunks.Dequeue().Count;
        }
    }

    /// <summary>The schema's columns and one prediction of its width per row; a batch logged under an older definition may differ.</summary>
    private bool HasSchemaShape(EventBatch batch, Predictions served) =>
        batch.Numeric.Length == _schema.Numeric.Count
        && batch.Categorical.Length == _schema.Categorical.Count
        && served.Width == _schema.PredictionWidth
        && served.Scores.Length == batch.Count * served.Width;

    /// <summary>What <see cref="TrainingRows"/> accepts: a class index, or a finite value. An older definition may have had more classes.</summary>
    private bool AllowsLabel(double label) => _schema.IsClassification
        ? label >= 0 && label < _schema.PredictionWidth && label == Math.Floor(label)
        : double.IsFinite(label);
}
