using OrleansCt.Core.Drift.Statistics;
using OrleansCt.Core.Sketches;

namespace OrleansCt.Core.Drift.Windows;

/// <summary>
/// Which statistic decides a column's drift in a window, and at what threshold. A setting's statistic or threshold is taken as
/// written; otherwise the automatic rule picks the test (drift-statistics.md), and where it picks a p-value test (a reference of at
/// most 1,000 rows) the column is judged against the reference as the fixed sample it is (<see cref="ReferenceBand"/>): KS by its
/// D, chi-square by its χ², each beyond the distance the reference's and the window's own (1 − α) bands leave, α being the model's
/// α per feature. Reference-chunk thresholds, when on and computed, replace that band (they were computed on the same statistic).
/// </summary>
public static class DriftDecision
{
    public static DriftTestChoice Choose(ColumnReference reference, FixedHistogram expected, FixedHistogram current, FeatureDriftSpec? setting, bool chunkThresholds, double alpha, bool sketchedCounts)
    {
        var kind = reference.Categorical ? FeatureKind.Categorical : FeatureKind.Numeric;
        var automatic = DriftTestChooser.Choose(kind, reference.Rows, reference.Distinct);
        var banded = setting?.Statistic is null && setting?.Threshold is null && automatic.AlertsBelow;
        var statistic = setting?.Statistic ?? (banded ? Distance(automatic.Statistic) : automatic.Statistic);
        // A chunk threshold counts only on the statistic it was computed on (one stored before that was recorded: not on a band's).
        var chunk = chunkThresholds && (reference.ChunkStatistic is { } on ? on == statistic : !banded) ? reference.ChunkThreshold : null;
        var threshold = setting?.Threshold
            ?? chunk
            ?? (banded ? Band(statistic, reference, expected, current, alpha, sketchedCounts) : (double?)null)
            ?? StatisticDefaults.Thresholds.GetValueOrDefault(statistic)
            ?? automatic.Threshold;
        return new DriftTestChoice(statistic, threshold, StatisticDefaults.AlertsBelow(statistic));
    }

    /// <summary>The statistic a p-value test's verdict is taken on against a fixed reference: KS D for the KS p-value, χ² for its p-value.</summary>
    private static string Distance(string pValue) => pValue == StatisticNames.KsP ? StatisticNames.KsD : StatisticNames.Chi2;

    /// <summary>The KS D, or the two-sample χ² (en times the chi distance squared), beyond which the window drifts.</summary>
    private static double Band(string statistic, ColumnReference reference, FixedHistogram expected, FixedHistogram current, double alpha, bool sketchedCounts)
    {
        var (n, m) = (expected.Counted, current.Counted);
        var rankError = sketchedCounts && !reference.Categorical ? SketchError(reference) : 0;
        if (statistic == StatisticNames.KsD)
        {
            return ReferenceBand.KsDistance(n, m, alpha, rankError);
        }

        // Each cumulative reference share is off by at most the rank error, so each share by twice it: in the chi metric that is
        // 2ε·√(Σ 1/s_i) over the bins either sample uses.
        var (used, inverse) = (0, 0.0);
        for (var i = 0; i < expected.Counts.Count; i++)
        {
            var pooled = (double)(expected.Counts[i] + current.Counts[i]) / (n + m);
            if (pooled > 0)
            {
                used++;
                inverse += 1 / pooled;
            }
        }

        var distance = ReferenceBand.ChiDistance(n, m, Math.Max(1, used - 1), alpha, 2 * rankError * Math.Sqrt(inverse));
        return (double)n * m / (n + m) * distance * distance;
    }

    /// <summary>The rank error a reference's sketch may carry: none when it never compacted (it holds every value), else KLL's bound.</summary>
    private static double SketchError(ColumnReference reference) =>
        reference.Sketch is { } s && s.Items.Length < s.Count ? QuantileSketch.RankErrorBound(s.K) : 0;
}
