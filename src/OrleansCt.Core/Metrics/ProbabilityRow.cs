namespace OrleansCt.Core.Metrics;

/// <summary>What the classification metrics read from one row of class probabilities: its argmax and its log loss.</summary>
internal static class ProbabilityRow
{
    /// <summary>scikit-learn 1.2's log_loss default eps="auto" is np.finfo(float64).eps (2^-52), not the 1e-15 of earlier versions.</summary>
    public const double LogLossEps = 2.220446049250313e-16;

    /// <summary>Throws before anything is counted, so a bad row never leaves a half-updated accumulator.</summary>
    public static void Check(ReadOnlySpan<double> probabilities, int label, int classes)
    {
        if (probabilities.Length != classes)
        {
            throw new ArgumentException($"probabilities has {probabilities.Length} values but the metrics were made for {classes} classes; pass one probability per class.", nameof(probabilities));
        }

        foreach (var p in probabilities)
        {
            if (!double.IsFinite(p))
            {
                throw new ArgumentException("probabilities contains a value that is not a finite number; pass the model's class probabilities.", nameof(probabilities));
            }
        }

        if (label < 0 || label >= classes)
        {
            throw new ArgumentOutOfRangeException(nameof(label), label, $"label must be a class index in [0, {classes}).");
        }
    }

    /// <summary>Whether <see cref="Check"/> would let the row through, without throwing.</summary>
    public static bool Valid(ReadOnlySpan<double> probabilities, int label, int classes)
    {
        if (probabilities.Length != classes || label < 0 || label >= classes)
        {
            return false;
        }

        foreach (var p in probabilities)
        {
            if (!double.IsFinite(p))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Index of the largest probability; ties go to the lowest index, as numpy's argmax does.</summary>
    public static int ArgMax(ReadOnlySpan<double> probabilities)
    {
        var best = 0;
        for (var k = 1; k < probabilities.Length; k++)
        {
            if (probabilities[k] > probabilities[best])
            {
                best = k;
            }
        }

        return best;
    }

    /// <summary>
    /// −log of the label's probability after scikit-learn 1.2.1's steps, in its order: clip every probability to
    /// [eps, 1 − eps], divide by the row's sum, take the log. Same order means the same rounding.
    /// </summary>
    public static double LogLoss(ReadOnlySpan<double> probabilities, int label)
    {
        var sum = 0.0;
        foreach (var p in probabilities)
        {
            sum += Clip(p);
        }

        return -Math.Log(Clip(probabilities[label]) / sum);
    }

    private static double Clip(double p) => Math.Max(LogLossEps, Math.Min(1.0 - LogLossEps, p));
}
