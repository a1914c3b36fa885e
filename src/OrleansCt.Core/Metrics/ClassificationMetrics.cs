namespace OrleansCt.Core.Metrics;

/// <summary>
/// Prequential classification metrics over K classes — accuracy, log loss, positive-class precision/recall/F1 and binned
/// ROC AUC — in bounded memory (K × 2 × Bins counters); mergeable: counts and histograms merge exactly, the log-loss sum
/// up to floating-point rounding, and the AUC carries a binning error no larger than <see cref="RocAucErrorBound"/>.
/// </summary>
public sealed class ClassificationMetrics
{
    /// <summary>1,000 bins keep the AUC's binning error near 1e-3 on elec2 at 16 KB per class.</summary>
    public const int DefaultBins = 1000;

    private readonly long[] _labelScores;
    private readonly long[] _otherScores;
    private long _count;
    private long _correct;
    private double _logLossSum;
    private long _truePositives;
    private long _falsePositives;
    private long _falseNegatives;
    private long _trueNegatives;

    public ClassificationMetrics(int classes, int positiveClass, int bins = DefaultBins)
    {
        MetricStateCheck.CheckClasses(classes, positiveClass);
        if (bins < 1 || (long)bins * classes > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(bins), bins, "bins must be at least 1 (and bins × classes must fit in an array).");
        }

        Classes = classes;
        PositiveClass = positiveClass;
        Bins = bins;
        _labelScores = new long[classes * bins];
        _otherScores = new long[classes * bins];
    }

    public int Classes { get; }

    public int PositiveClass { get; }

    public int Bins { get; }

    public long Count => _count;

    /// <summary>Counts one row: the probabilities the model served before it learned <paramref name="label"/>.</summary>
    public void Observe(ReadOnlySpan<double> probabilities, int label)
    {
        ProbabilityRow.Check(probabilities, label, Classes);
        Observe(probabilities, label, ProbabilityRow.ArgMax(probabilities), ProbabilityRow.LogLoss(probabilities, label));
    }

    /// <summary>
    /// <see cref="Observe(ReadOnlySpan{double}, int)"/> of a row already checked (<see cref="ProbabilityRow.Valid"/>), with its argmax and log
    /// loss worked out once for every accumulator the row goes into.
    /// </summary>
    internal void Observe(ReadOnlySpan<double> probabilities, int label, int predicted, double logLoss)
    {
        // Counts without a branch on the row's classes (which the processor could not foresee): each adds 1 or 0.
        _count++;
        _correct += predicted == label ? 1 : 0;
        _logLossSum += logLoss;
        var predictedPositive = predicted == PositiveClass ? 1 : 0;
        var labelPositive = label == PositiveClass ? 1 : 0;
        _truePositives += predictedPositive & labelPositive;
        _falsePositives += predictedPositive & (labelPositive ^ 1);
        _falseNegatives += (predictedPositive ^ 1) & labelPositive;
        _trueNegatives += (predictedPositive | labelPositive) ^ 1;
        for (var k = 0; k < Classes; k++)
        {
            var cell = (k * Bins) + Bin(probabilities[k]);
            var labelled = k == label ? 1 : 0;
            _labelScores[cell] += labelled;
            _otherScores[cell] += labelled ^ 1;
        }
    }

    /// <summary>Adds another accumulator's rows to this one (e.g. the buckets of the last hour).</summary>
    public void Merge(ClassificationMetrics other)
    {
        if (other.Classes != Classes || other.PositiveClass != PositiveClass || other.Bins != Bins)
        {
            throw new ArgumentException(
                $"other has {other.Classes} classes, positive class {other.PositiveClass} and {other.Bins} bins but this has {Classes}, {PositiveClass} and {Bins}; only metrics of the same shape merge.",
                nameof(other));
        }

        _count += other._count;
        _correct += other._correct;
        _logLossSum += other._logLossSum;
        _truePositives += other._truePositives;
        _falsePositives += other._falsePositives;
        _falseNegatives += other._falseNegatives;
        _trueNegatives += other._trueNegatives;
        for (var i = 0; i < _labelScores.Length; i++)
        {
            _labelScores[i] += other._labelScores[i];
            _otherScores[i] += other._otherScores[i];
        }
    }

    public ClassificationValues Values()
    {
        double? Ratio(long numerator, long denominator) => denominator == 0 ? null : numerator / (double)denominator;
        return new ClassificationValues(
            _count,
            Ratio(_correct, _count),
            _count == 0 ? null : _logLossSum / _count,
            Ratio(_truePositives, _truePositives + _falsePositives),
            Ratio(_truePositives, _truePositives + _falseNegatives),
            Ratio(2 * _truePositives, (2 * _truePositives) + _falsePositives + _falseNegatives),
            RocAuc(PositiveClass));
    }

    /// <summary>
    /// One-vs-rest ROC AUC of <paramref name="classIndex"/> by Mann–Whitney on the binned scores: a (labelled k, other) pair
    /// counts 1 when the labelled row's bin is higher, 0.5 when the bins are equal; null without rows on both sides.
    /// </summary>
    public double? RocAuc(int classIndex)
    {
        var (twiceWins, _, pairs) = Pairs(classIndex);
        return pairs == 0 ? null : (double)twiceWins / (2.0 * (double)pairs);
    }

    /// <summary>
    /// Largest possible |binned AUC − exact AUC|: binning keeps the order of pairs in different bins (it is monotone), so only
    /// pairs sharing a bin can be wrong, each by at most 0.5 — the bound is 0.5 · Σ_b pos_b · neg_b / (P · N).
    /// </summary>
    public double? RocAucErrorBound(int classIndex)
    {
        var (_, sameBinPairs, pairs) = Pairs(classIndex);
        return pairs == 0 ? null : (double)sameBinPairs / (2.0 * (double)pairs);
    }

    public ClassificationState ToState() => new(
        Classes,
        PositiveClass,
        Bins,
        _count,
        _correct,
        _logLossSum,
        _truePositives,
        _falsePositives,
        _falseNegatives,
        _trueNegatives,
        (long[])_labelScores.Clone(),
        (long[])_otherScores.Clone());

    /// <summary>Restores a checkpoint; throws an <see cref="ArgumentException"/> naming the first field that does not fit.</summary>
    public static ClassificationMetrics FromState(ClassificationState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        MetricStateCheck.Require(state.Classes >= 2, $"state.Classes is {state.Classes} but must be at least 2");
        MetricStateCheck.Require(state.PositiveClass >= 0 && state.PositiveClass < state.Classes, $"state.PositiveClass is {state.PositiveClass} but must be in [0, {state.Classes})");
        MetricStateCheck.Require(state.Bins >= 1 && (long)state.Bins * state.Classes <= Array.MaxLength, $"state.Bins is {state.Bins}, which does not fit");
        var cells = state.Classes * state.Bins;
        MetricStateCheck.Require(state.LabelScoreBins is not null && state.LabelScoreBins.Length == cells, $"state.LabelScoreBins must hold Classes × Bins = {cells} counts");
        MetricStateCheck.Require(state.OtherScoreBins is not null && state.OtherScoreBins.Length == cells, $"state.OtherScoreBins must hold Classes × Bins = {cells} counts");
        MetricStateCheck.Require(
            state.Count >= 0 && state.Correct >= 0 && state.Correct <= state.Count && state.TruePositives >= 0 && state.FalsePositives >= 0 && state.FalseNegatives >= 0 && state.TrueNegatives >= 0,
            "state counts cannot be negative, and Correct cannot exceed Count");
        MetricStateCheck.Require(
            state.TruePositives + state.FalsePositives + state.FalseNegatives + state.TrueNegatives == state.Count,
            "state.TruePositives + FalsePositives + FalseNegatives + TrueNegatives must equal state.Count");
        MetricStateCheck.Require(MetricStateCheck.NonNegativeFinite(state.LogLossSum), "state.LogLossSum must be a finite number ≥ 0");
        for (var k = 0; k < state.Classes; k++)
        {
            long rows = 0;
            for (var b = 0; b < state.Bins; b++)
            {
                var label = state.LabelScoreBins![(k * state.Bins) + b];
                var other = state.OtherScoreBins![(k * state.Bins) + b];
                MetricStateCheck.Require(label >= 0 && other >= 0, $"state score bins of class {k} cannot be negative");
                rows += label + other;
            }

            MetricStateCheck.Require(rows == state.Count, $"state score bins of class {k} hold {rows} rows but state.Count is {state.Count}");
        }

        var metrics = new ClassificationMetrics(state.Classes, state.PositiveClass, state.Bins)
        {
            _count = state.Count,
            _correct = state.Correct,
            _logLossSum = state.LogLossSum,
            _truePositives = state.TruePositives,
            _falsePositives = state.FalsePositives,
            _falseNegatives = state.FalseNegatives,
            _trueNegatives = state.TrueNegatives,
        };
        state.LabelScoreBins!.CopyTo(metrics._labelScores, 0);
        state.OtherScoreBins!.CopyTo(metrics._otherScores, 0);
        return metrics;
    }

    /// <summary>Equal-width bin of a score clamped to [0, 1]; monotone in the score, which the AUC bound relies on.</summary>
    private int Bin(double score)
    {
        var clamped = Math.Clamp(score, 0.0, 1.0);
        return Math.Min((int)(clamped * Bins), Bins - 1);
    }

    /// <summary>Integer pair counts: 2 × (wins + ties/2), pairs sharing a bin, and P · N; Int128 so they never overflow or round.</summary>
    private (Int128 TwiceWins, Int128 SameBinPairs, Int128 Pairs) Pairs(int classIndex)
    {
        if (classIndex < 0 || classIndex >= Classes)
        {
            throw new ArgumentOutOfRangeException(nameof(classIndex), classIndex, $"classIndex must be in [0, {Classes}).");
        }

        Int128 twiceWins = 0;
        Int128 sameBin = 0;
        long positives = 0;
        long negativesBelow = 0;
        var start = classIndex * Bins;
        for (var b = 0; b < Bins; b++)
        {
            long pos = _labelScores[start + b];
            long neg = _otherScores[start + b];
            twiceWins += (Int128)pos * ((2 * (Int128)negativesBelow) + neg);
            sameBin += (Int128)pos * neg;
            positives += pos;
            negativesBelow += neg;
        }

        return (twiceWins, sameBin, (Int128)positives * negativesBelow);
    }
}
