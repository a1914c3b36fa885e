using OrleansCt.Core.Drift.Statistics;
using OrleansCt.Core.Schema;
using OrleansCt.Core.Sketches;

namespace OrleansCt.Core.Drift.Windows;

/// <summary>Scores a window of closed buckets against the reference, column by column (drift-statistics.md).</summary>
public static class DriftEvaluator
{
    /// <summary>Skew is judged only once the champion's training window holds this many learned rows of a feature.</summary>
    public const int MinTrainedRows = 100;

    /// <summary>The name a <see cref="DriftEvaluation.OutOfRange"/> list gives the multivariate check.</summary>
    public const string OutOfRangeMultivariate = "multivariate";

    /// <summary>
    /// Scores the buckets of <paramref name="window"/> (oldest first, all on the reference's bins); null when it is empty.
    /// Training/serving skew compares the features served in the window with those of the rows the champion learned from in
    /// <paramref name="training"/>, its training window: the kept buckets before the window (the online champion learns from
    /// every joined label, so what it learned before serving the window is what shaped the weights that served it); its JS
    /// threshold is raised to the two samples' noise floor at the feature's α where that is higher.
    /// </summary>
    public static DriftEvaluation? Evaluate(ReferenceProfile reference, IReadOnlyList<BucketSummary> window, DriftSpec spec, IReadOnlyList<BucketSummary>? training = null)
    {
        if (window.Count == 0)
        {
            return null;
        }

        var features = new List<ColumnDrift>();
        var skew = new List<ColumnDrift>();
        var alpha = ReferenceBand.FeatureAlpha(reference.FeatureCount);
        for (var f = 0; f < reference.Features.Length; f++)
        {
            var column = reference.Features[f];
            var served = MergeHistograms(window.Select(b => b.Features[f].Histogram));
            var setting = spec.Features?.GetValueOrDefault(column.Name);
            if (Score(column, served, MergeSketches(window.Select(b => b.Features[f].Sketch)), setting, spec.ReferenceChunkThresholds, alpha, reference.SketchedCounts) is { } drift)
            {
                features.Add(drift);
            }

            var trained = training is { Count: > 0 } ? MergeHistograms(training.Select(b => b.Trained[f])) : null;
            if (trained is not null && trained.Counted >= MinTrainedRows && served.Counted > 0)
            {
                var p = served.Shares();
                var q = trained.Shares();
                var js = JensenShannon.Distance(p, q);
                var (scores, outOfRange) = Distances(p, q, served, trained, null, null, column);

                // Both sides are samples the service picked, neither sized by anyone: the threshold never sits inside their noise.
                var used = served.Counts.Zip(trained.Counts).Count(c => c.First + c.Second > 0);
                var threshold = Math.Max(DriftThresholds.JsDistance, JensenShannon.NoiseFloor(served.Counted, trained.Counted, Math.Max(1, used - 1), alpha));
                skew.Add(new ColumnDrift(column.Name, StatisticNames.JsDistance, js, threshold, false, js >= threshold, trained.Counted, scores, outOfRange));
            }
        }

        // The seed names Jensen-Shannon for prediction drift: the served scores on the reference's bins.
        var prediction = reference.Prediction is { } pr && window.All(b => b.Prediction is not null)
            ? Score(pr, MergeHistograms(window.Select(b => b.Prediction!.Histogram)), null, new FeatureDriftSpec { Statistic = StatisticNames.JsDistance }, false)
            : null;
        var label = reference.Label is { } lr && window.All(b => b.Label is not null)
            ? Score(lr, MergeHistograms(window.Select(b => b.Label!.Histogram)), MergeSketches(window.Select(b => b.Label!.Sketch)), null, false, DriftThresholds.PValue, reference.SketchedCounts)
            : null;
        var drifted = features.Count(d => d.Drifted);
        var share = features.Count == 0 ? 0 : (double)drifted / features.Count;
        var (joint, jointOutOfRange) = Joint(reference.Multivariate, window);
        return new DriftEvaluation(reference.Revision, Time(window[0].Start), Time(window[^1].End), window.Min(b => b.FirstSequence), window.Max(b => b.LastSequence),
            window.Sum(b => b.Events), window.Count, [.. features], prediction, label, [.. skew], share, features.Count > 0 && DriftTestChooser.ModelDrifted(drifted, features.Count),
            joint, jointOutOfRange ? [OutOfRangeMultivariate] : null);
    }

    /// <summary>
    /// The window's reconstruction error; absent when there is no model or no rows, and absent but flagged (true) when rows that the
    /// window accepted (near ±double.MaxValue) saturate its co-moments, so that the error is +∞ or NaN.
    /// </summary>
    private static (MultivariateDrift? Drift, bool OutOfRange) Joint(MultivariateReference? reference, IReadOnlyList<BucketSummary> window)
    {
        if (reference is null || window.Any(b => b.Joint is null))
        {
            return (null, false);
        }

        var merged = Multivariate.CoMoments.FromState(window[0].Joint!);
        foreach (var bucket in window.Skip(1))
        {
            merged.Merge(Multivariate.CoMoments.FromState(bucket.Joint!));
        }

        var error = Multivariate.PcaReconstruction.FromState(reference.Model).Error(merged);
        if (merged.Count == 0)
        {
            return (null, false);
        }

        return double.IsFinite(error)
            ? (new MultivariateDrift(MultivariateDrift.Name, error, reference.Threshold, error >= reference.Threshold, merged.Count), false)
            : (null, true);
    }

    /// <summary>
    /// The two-sample KS p-value: scipy's asymptotic kstwo.sf(D, round(en)) up to en = 140, where its exact Durbin matrix
    /// is cheap; above, Kolmogorov's limiting distribution Q(√en·D) = 2 Σ (−1)^(k−1) e^(−2k²en·D²) (scipy.special.kolmogorov),
    /// which a window scored every bucket can afford.
    /// </summary>
    public static double KsPValue(double en, double d)
    {
        var n = Math.Max(1, Math.Round(en, MidpointRounding.ToEven));
        if (n <= 140)
        {
            return Math.Clamp(KolmogorovDistribution.Survival(n, d), 0, 1);
        }

        return KolmogorovDistribution.Limit(Math.Sqrt(en) * d);
    }

    private static double? Time(double seconds) => double.IsNaN(seconds) ? null : seconds;

    /// <summary>
    /// One column's scores and verdict (<see cref="DriftDecision"/>); null when the window or the reference has no value of it.
    /// <paramref name="alpha"/> is the column's share of the model's α, and <paramref name="sketchedCounts"/> says that the reference's
    /// numeric counts come from its sketch (a gathered reference), so that its rank error widens the band.
    /// </summary>
    public static ColumnDrift? Score(
        ColumnReference reference, FixedHistogram current, QuantileSketch? currentSketch, FeatureDriftSpec? setting, bool chunkThresholds, double alpha = DriftThresholds.PValue, bool sketchedCounts = false)
    {
        var expected = FixedHistogram.FromState(reference.Histogram);
        if (current.Counted == 0 || expected.Counted == 0)
        {
            return null;
        }

        var referenceSketch = reference.Sketch is { Count: > 0 } r ? SketchCdf.Of(r) : null;
        var windowSketch = currentSketch is { Count: > 0 } c ? SketchCdf.Of(c.ToState()) : null;
        var continuous = !reference.Categorical && reference.Distinct > DriftThresholds.MaxDistinctForDiscrete && referenceSketch is not null;
        var (scores, outOfRange) = Distances(expected.Shares(), current.Shares(), expected, current, continuous ? referenceSketch : null, continuous ? windowSketch : null, reference);
        var choice = DriftDecision.Choose(reference, expected, current, setting, chunkThresholds, alpha, sketchedCounts);
        var score = scores.Get(choice.Statistic) ?? scores.JsDistance;
        var statistic = scores.Get(choice.Statistic) is null ? StatisticNames.JsDistance : choice.Statistic;
        var threshold = statistic == choice.Statistic ? choice.Threshold : DriftThresholds.JsDistance;
        var below = StatisticDefaults.AlertsBelow(statistic);
        var drifted = below ? score < threshold : score >= threshold;
        return new ColumnDrift(reference.Name, statistic, score, threshold, below, drifted, current.Counted, scores, outOfRange);
    }

    /// <summary>
    /// Every statistic of a column, and the names of those computed but beyond a double (left out). The histogram statistics are of
    /// shares and counts, finite by construction, and KS D and its p-value lie in [0, 1]; the normed Wasserstein distance is the one
    /// that can leave the doubles: over a reference near ±double.MaxValue its spread saturates at +∞ (so the quotient is unknown, not 0)
    /// or its distance overflows, and a window far from a reference of tiny spread divides a huge distance by 0.001. Without the
    /// sketches (skew, or a column with few distinct values) it is not computed at all: absent, and not flagged.
    /// </summary>
    private static (DriftScores Scores, List<string>? OutOfRange) Distances(
        double[] p, double[] q, FixedHistogram expected, FixedHistogram current, SketchCdf? referenceSketch, SketchCdf? currentSketch, ColumnReference reference)
    {
        var chi = ChiSquare.Test(expected.Counts, current.Counts);
        double? ksD = null, ksP = null, wasserstein = null;
        List<string>? outOfRange = null;
        if (!reference.Categorical)
        {
            // A column that is not categorical has numeric bins (the profiler makes both from the same kind).
            // D on the bins: the exact gap of the two ECDFs at the bin edges (so never above the raw samples' D when the reference's
            // counts are exact), which is what the band of a fixed reference bounds.
            var w1 = referenceSketch is not null ? BinnedCdf.W1(referenceSketch, (NumericHistogram)expected, current, currentSketch) : double.NaN;
            ksD = StreamingKolmogorovSmirnov.FromHistograms(expected, current).Estimate;
            var en = (double)expected.Counted * current.Counted / (expected.Counted + current.Counted);
            ksP = KsPValue(en, ksD.Value);
            if (referenceSketch is not null)
            {
                var normed = double.IsFinite(reference.StandardDeviation) ? w1 / Math.Max(reference.StandardDeviation, Wasserstein.MinStandardDeviation) : double.NaN;
                if (double.IsFinite(normed))
                {
                    wasserstein = normed;
                }
                else
                {
                    (outOfRange ??= []).Add(StatisticNames.WassersteinNormed);
                }
            }
        }

        return (new DriftScores(JensenShannon.Distance(p, q), Psi.Compute(p, q), Hellinger.Distance(p, q), LInfinity.Distance(p, q), chi.Statistic, chi.PValue, ksD, ksP, wasserstein), outOfRange);
    }

    private static FixedHistogram MergeHistograms(IEnumerable<FixedHistogramState> states)
    {
        FixedHistogram? merged = null;
        foreach (var state in states)
        {
            var h = FixedHistogram.FromState(state);
            if (merged is null)
            {
                merged = h;
            }
            else
            {
                merged.Merge(h);
            }
        }

        return merged!;
    }

    private static QuantileSketch? MergeSketches(IEnumerable<QuantileSketchState?> states)
    {
        QuantileSketch? merged = null;
        foreach (var state in states)
        {
            if (state is null)
            {
                return null;
            }

            var s = QuantileSketch.FromState(state);
            if (merged is null)
            {
                merged = s;
            }
            else
            {
                merged.Merge(s);
            }
        }

        return merged;
    }
}
