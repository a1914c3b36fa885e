using System.Globalization;

namespace OrleansCt.Core.WindowSelection;

/// <summary>
/// Chooses a training window from the per-row holdout losses of models trained on windows of different lengths: the lowest mean
/// loss wins, and a larger window whose mean is within one standard error of the best's is preferred (the one-standard-error
/// rule, Hastie, Tibshirani and Friedman, The Elements of Statistical Learning, 2nd ed., §7.10: prefer the more stable model when the
/// data cannot tell the two apart). The standard error is that of the paired per-row differences, candidate minus best: every
/// candidate is scored on the same holdout rows, so rows that are hard for one are hard for all, and that shared variance is no
/// evidence about which window is better. The best's own standard error would count it, call real differences ties, and so keep
/// stale rows after a change.
/// </summary>
public static class DynamicWindowRule
{
    /// <param name="lengths">Candidate window lengths in rows, distinct and positive.</param>
    /// <param name="losses">[candidate][holdout row]: the per-row loss of the model trained on that window; the same rows, in the same order, for every candidate.</param>
    public static DynamicWindowChoice Choose(IReadOnlyList<int> lengths, IReadOnlyList<IReadOnlyList<double>> losses)
    {
        Check(lengths, losses);
        var n = losses[0].Count;
        var means = losses.Select(l => l.Average()).ToArray();
        var best = 0;
        for (var c = 1; c < means.Length; c++)
        {
            if (means[c] < means[best] || (means[c] == means[best] && lengths[c] < lengths[best]))
            {
                best = c;
            }
        }

        var scores = new WindowScore[lengths.Count];
        for (var c = 0; c < scores.Length; c++)
        {
            var differences = losses[c].Zip(losses[best], (a, b) => a - b).ToArray();
            var difference = means[c] - means[best];
            var differenceError = StandardError(differences);
            scores[c] = new WindowScore(lengths[c], means[c], StandardError(losses[c]), difference, differenceError, difference <= differenceError);
        }

        var chosen = scores.Where(s => s.WithinOneStandardError).MaxBy(s => s.Length)!;
        return new DynamicWindowChoice(scores, lengths[best], chosen.Length, n, Reason(scores, scores[best], chosen));
    }

    /// <summary>Sample standard deviation (n − 1) over √n.</summary>
    public static double StandardError(IReadOnlyList<double> values)
    {
        var n = values.Count;
        var mean = values.Average();
        var squares = values.Sum(v => (v - mean) * (v - mean));
        return Math.Sqrt(squares / (n - 1) / n);
    }

    private static string Reason(WindowScore[] scores, WindowScore best, WindowScore chosen)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"window {best.Length:N0} has the lowest mean loss, {best.MeanLoss:G4}");
        if (chosen.Length != best.Length)
        {
            text += string.Create(
                CultureInfo.InvariantCulture,
                $"; window {chosen.Length:N0} is chosen: its mean loss {chosen.MeanLoss:G4} is {chosen.DifferenceFromBest:G4} above, within one standard error ({chosen.DifferenceStandardError:G4}, of the paired per-row differences), and ties go to the larger window");
        }

        var larger = scores.Where(s => s.Length > chosen.Length).OrderBy(s => s.Length).ToArray();
        return larger.Length == 0
            ? text + (chosen.Length == best.Length ? "; it is the largest candidate" : string.Empty) + "."
            : text + "; larger windows lose by more than one standard error: "
              + string.Join(", ", larger.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Length:N0} by {s.DifferenceFromBest:G4} (SE {s.DifferenceStandardError:G4})"))) + ".";
    }

    private static void Check(IReadOnlyList<int> lengths, IReadOnlyList<IReadOnlyList<double>> losses)
    {
        ArgumentNullException.ThrowIfNull(lengths);
        ArgumentNullException.ThrowIfNull(losses);
        if (lengths.Count == 0)
        {
            throw new ArgumentException("lengths is empty; give at least one candidate window.", nameof(lengths));
        }

        if (losses.Count != lengths.Count)
        {
            throw new ArgumentException($"losses has {losses.Count} candidates but lengths has {lengths.Count}; give one row of losses per candidate.", nameof(losses));
        }

        for (var c = 0; c < lengths.Count; c++)
        {
            if (lengths[c] <= 0)
            {
                throw new ArgumentException($"lengths[{c}] is {lengths[c]}; a window holds at least one row.", nameof(lengths));
            }

            if (lengths.Take(c).Contains(lengths[c]))
            {
                throw new ArgumentException($"lengths[{c}] repeats {lengths[c]}; give each candidate once.", nameof(lengths));
            }

            if (losses[c] is null || losses[c].Count < 2 || losses[c].Count != losses[0].Count)
            {
                throw new ArgumentException(
                    $"losses[{c}] has {losses[c]?.Count ?? 0} rows; every candidate needs the same holdout rows, at least two for a standard error.", nameof(losses));
            }

            for (var r = 0; r < losses[c].Count; r++)
            {
                if (!double.IsFinite(losses[c][r]))
                {
                    throw new ArgumentException($"losses[{c}][{r}] is {losses[c][r]}; a loss is a finite number (clip probabilities before taking logs).", nameof(losses));
                }
            }
        }
    }
}
