using OrleansCt.Core.Events;
using OrleansCt.Core.Registry;
using OrleansCt.Training.Rows;

namespace OrleansCt.Grains.Training;

/// <summary>The labelled rows a model's log held at a position (the newest of them, up to a limit), ready to train and validate on.</summary>
/// <param name="Rows">The rows in log order with their labels; <c>Count</c> 0 when no usable labelled row was found (see <see cref="IsEmpty"/>).</param>
/// <param name="Served">The predictions served for each row, aligned with <paramref name="Rows"/>: the champion's answers on held-out rows.</param>
/// <param name="Sequences">Per row, the log sequence it came from: the events entry of a backfilled label, the labels entry of a joined one.</param>
/// <param name="Window">Event-time and sequence ranges, count and digest of <paramref name="Rows"/>; null when there are none (no range exists).</param>
/// <param name="Seen">Labelled rows in the entries up to the position, usable or not, kept or not.</param>
/// <param name="Skipped">Of those, rows that could not be used: a batch of another shape (an older definition) or a label the schema does not allow.</param>
/// <param name="Online">The online learner's predictions for each row (its answers, or made beside another version's); NaN rows where it made none.</param>
/// <param name="Unjoined">Labels that joined no event (unmatched or duplicates); they are no rows, so not in <paramref name="Seen"/>.</param>
public sealed record LabelledRows(
    TrainingRows Rows,
    Predictions Served,
    IReadOnlyList<long> Sequences,
    TrainingWindow? Window,
    long Seen,
    long Skipped,
    long Unjoined,
    Predictions Online)
{
    /// <summary>True when there is nothing to train on.</summary>
    public bool IsEmpty => Rows.Count == 0;

    /// <summary>Usable rows left out because newer ones filled the limit.</summary>
    public long Dropped => Seen - Skipped - Rows.Count;

    /// <summary>The rows at <paramref name="rows"/> (increasing indices) with what was served for them: a window's choice among those read.</summary>
    public LabelledRows Select(int[] rows) => rows.Length == Rows.Count
        ? this
        : this with { Rows = Rows.Select(rows), Served = Served.Select(rows), Sequences = [.. rows.Select(r => Sequences[r])], Online = Online.Select(rows) };
}
