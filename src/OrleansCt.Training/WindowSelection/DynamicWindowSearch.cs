using OrleansCt.Core.WindowSelection;
using OrleansCt.Training.Rows;
using OrleansCt.Training.Trainers;

namespace OrleansCt.Training.WindowSelection;

/// <summary>
/// The dynamic window (issue 12): the newest rows held out, a model trained on the newest L rows before them for each candidate
/// L, each scored on the same holdout, and the window chosen by <see cref="DynamicWindowRule"/>.
/// </summary>
public static class DynamicWindowSearch
{
    /// <param name="rows">Labelled rows in log order.</param>
    /// <param name="holdout">The newest this many rows, scored by every candidate (at least two).</param>
    /// <param name="lengths">Candidate window lengths in rows, each at most rows − holdout.</param>
    /// <param name="trainAndScore">Trains on the first set and returns the per-row loss of each row of the second.</param>
    public static DynamicWindowChoice Run(
        TrainingRows rows,
        int holdout,
        IReadOnlyList<int> lengths,
        Func<TrainingRows, TrainingRows, double[]> trainAndScore,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(lengths);
        ArgumentNullException.ThrowIfNull(trainAndScore);
        if (holdout < 2 || holdout >= rows.Count)
        {
            throw new ArgumentOutOfRangeException(
                nameof(holdout), holdout, $"holdout must leave rows to train on and hold at least two rows for a standard error; there are {rows.Count:N0} rows.");
        }

        var (before, held) = rows.SplitNewest(holdout);
        for (var c = 0; c < lengths.Count; c++)
        {
            if (lengths[c] <= 0 || lengths[c] > before.Count)
            {
                throw new ArgumentException(
                    $"lengths[{c}] is {lengths[c]:N0}; a window holds from 1 to {before.Count:N0} rows (the {rows.Count:N0} rows less the {holdout:N0} held out).", nameof(lengths));
            }
        }

        var losses = new double[lengths.Count][];
        for (var c = 0; c < lengths.Count; c++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            losses[c] = trainAndScore(before.Slice(before.Count - lengths[c], lengths[c]), held);
            if (losses[c].Length != holdout)
            {
                throw new InvalidOperationException($"trainAndScore gave {losses[c].Length} losses for a holdout of {holdout} rows; give one loss per held-out row.");
            }
        }

        return DynamicWindowRule.Choose(lengths, losses);
    }

    /// <summary>Trains with <paramref name="spec"/> through <see cref="ModelTrainer"/> and scores the holdout by <see cref="PerRowLoss"/>.</summary>
    public static Func<TrainingRows, TrainingRows, double[]> TrainAndScore(TrainerSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return (train, holdout) =>
        {
            var model = ModelTrainer.Train(train, spec, cancellationToken).Model;
            return PerRowLoss.Of(holdout.Schema, model.Score(holdout.ToBatch()), holdout.Labels);
        };
    }
}
