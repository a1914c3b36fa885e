using OrleansCt.Core.Metrics;

namespace OrleansCt.Core.Tests.Metrics;

/// <summary>ClassificationMetrics on small streams worked by hand, its undefined values, its AUC bound and its checkpoints.</summary>
public sealed class ClassificationMetricsTests
{
    /// <summary>
    /// Five binary rows (positive class 1), worked by hand:
    /// [0.2, 0.8] y=1 → TP; [0.6, 0.4] y=1 → FN; [0.3, 0.7] y=0 → FP; [0.9, 0.1] y=0 → TN; [0.5, 0.5] y=0 → tie → class 0, TN.
    /// </summary>
    internal static readonly (double[] P, int Y)[] FiveRows =
    [
        ([0.2, 0.8], 1), ([0.6, 0.4], 1), ([0.3, 0.7], 0), ([0.9, 0.1], 0), ([0.5, 0.5], 0),
    ];

    [Fact]
    public void Five_hand_worked_rows_give_every_metric()
    {
        var metrics = Feed(new ClassificationMetrics(2, 1), FiveRows);

        var values = metrics.Values();
        Assert.Equal(5, values.Count);
        Assert.Equal(0.6, values.Accuracy); // 3 of 5 (rows 1, 4, 5)
        MetricAssert.Close(0.6283829567464145, values.LogLoss, 1e-15); // −ln(0.8 · 0.4 · 0.3 · 0.9 · 0.5) / 5 = −ln(0.0432) / 5
        Assert.Equal(0.5, values.Precision); // tp 1, fp 1
        Assert.Equal(0.5, values.Recall); // tp 1, fn 1
        Assert.Equal(0.5, values.F1); // 2 / (2 + 1 + 1)
        // Positives score 0.8 and 0.4, negatives 0.7, 0.1, 0.5: 0.8 beats all three, 0.4 beats 0.1 → 4 of 6 pairs.
        Assert.Equal(4.0 / 6.0, values.RocAuc);
        Assert.Equal(0.0, metrics.RocAucErrorBound(1)); // every score in its own bin
    }

    [Fact]
    public void Log_loss_clips_at_sklearn_1_2_eps_and_renormalises()
    {
        // [1, 0] with label 1 clips to [1 − 2^-52, 2^-52]: −ln(2^-52) = 52 ln 2. [0.6, 0.6] renormalises to [0.5, 0.5]: ln 2.
        // scikit-learn 1.2.1: log_loss([1, 0], [[1.0, 0.0], [0.6, 0.6]], labels=[0, 1]) = 18.36840028483855.
        var metrics = new ClassificationMetrics(2, 1);
        metrics.Observe([1.0, 0.0], 1);
        metrics.Observe([0.6, 0.6], 0);

        MetricAssert.Close(18.36840028483855, metrics.Values().LogLoss, 1e-14);
        MetricAssert.Close((52 * Math.Log(2) + Math.Log(2)) / 2, metrics.Values().LogLoss, 1e-14);
    }

    [Fact]
    public void Binned_auc_is_off_by_at_most_the_stated_bound()
    {
        // 10 bins. Positives 0.51, 0.53; negatives 0.55, 0.2. Exact: both positives lose to 0.55 and beat 0.2 → 2/4 = 0.5.
        // Binned: 0.51, 0.53, 0.55 share bin 5, so those two pairs count 0.5 each → 3/4. Bound 0.5 · (2 · 1) / (2 · 2) = 0.25: tight.
        var metrics = new ClassificationMetrics(2, 1, bins: 10);
        metrics.Observe([0.49, 0.51], 1);
        metrics.Observe([0.47, 0.53], 1);
        metrics.Observe([0.45, 0.55], 0);
        metrics.Observe([0.8, 0.2], 0);

        Assert.Equal(0.75, metrics.RocAuc(1));
        Assert.Equal(0.25, metrics.RocAucErrorBound(1));
        Assert.True(Math.Abs(metrics.RocAuc(1)!.Value - 0.5) <= metrics.RocAucErrorBound(1));
    }

    [Fact]
    public void Values_are_null_where_undefined()
    {
        var empty = new ClassificationMetrics(2, 1).Values();
        Assert.Equal(new ClassificationValues(0, null, null, null, null, null, null), empty);

        // Only negatives, all predicted negative: no predicted positives, no positive labels, no AUC pairs.
        var metrics = new ClassificationMetrics(2, 1);
        metrics.Observe([0.9, 0.1], 0);
        var values = metrics.Values();
        Assert.Equal(1.0, values.Accuracy);
        Assert.Null(values.Precision);
        Assert.Null(values.Recall);
        Assert.Null(values.F1);
        Assert.Null(values.RocAuc);
        Assert.Null(metrics.RocAucErrorBound(1));
    }

    [Fact]
    public void Scores_outside_zero_one_land_in_the_end_bins_and_a_score_of_one_in_the_last()
    {
        var metrics = new ClassificationMetrics(2, 1, bins: 4);
        metrics.Observe([-0.5, 1.5], 1);
        metrics.Observe([0.3, 1.0], 0);

        var state = metrics.ToState();
        // Labelled: class 0's 0.3 → bin 1 (cell 1), class 1's 1.5 → clamped to 1 → bin 3 (cell 4 + 3).
        Assert.Equal([0, 1, 0, 0, 0, 0, 0, 1], state.LabelScoreBins);
        // Others: class 0's −0.5 → bin 0 (cell 0), class 1's 1.0 → bin 3, not a fifth bin (cell 4 + 3).
        Assert.Equal([1, 0, 0, 0, 0, 0, 0, 1], state.OtherScoreBins);
    }

    [Fact]
    public void A_bad_row_is_rejected_and_counts_nothing()
    {
        var metrics = new ClassificationMetrics(3, 0);
        Assert.Throws<ArgumentException>(() => metrics.Observe([0.5, 0.5], 0));
        Assert.Throws<ArgumentException>(() => metrics.Observe([0.5, double.NaN, 0.0], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => metrics.Observe([0.5, 0.5, 0.0], 3));
        Assert.Equal(0, metrics.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClassificationMetrics(1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClassificationMetrics(2, 2));
        Assert.Throws<ArgumentException>(() => metrics.Merge(new ClassificationMetrics(3, 1)));
    }

    [Fact]
    public void State_round_trip_is_bit_identical_and_keeps_counting_the_same()
    {
        var metrics = new ClassificationMetrics(2, 1);
        for (var r = 0; r < 3000; r++)
        {
            metrics.Observe(Elec2Rule.Row(r), Elec2Rule.Labels[r]);
        }

        var restored = ClassificationMetrics.FromState(metrics.ToState());
        MetricAssert.Identical(metrics.ToState(), restored.ToState());
        for (var r = 3000; r < 4000; r++)
        {
            metrics.Observe(Elec2Rule.Row(r), Elec2Rule.Labels[r]);
            restored.Observe(Elec2Rule.Row(r), Elec2Rule.Labels[r]);
        }

        MetricAssert.Identical(metrics.ToState(), restored.ToState());
        Assert.Equal(metrics.Values(), restored.Values());
    }

    [Fact]
    public void A_state_that_does_not_fit_is_rejected()
    {
        var good = Feed(new ClassificationMetrics(2, 1), FiveRows).ToState();
        Assert.Throws<ArgumentException>(() => ClassificationMetrics.FromState(good with { LabelScoreBins = new long[10] }));
        Assert.Throws<ArgumentException>(() => ClassificationMetrics.FromState(good with { Count = 6 }));
        Assert.Throws<ArgumentException>(() => ClassificationMetrics.FromState(good with { PositiveClass = 2 }));
        Assert.Throws<ArgumentException>(() => ClassificationMetrics.FromState(good with { LogLossSum = double.NaN }));
        var shifted = (long[])good.OtherScoreBins.Clone();
        shifted[0]++;
        Assert.Throws<ArgumentException>(() => ClassificationMetrics.FromState(good with { OtherScoreBins = shifted }));
    }

    internal static ClassificationMetrics Feed(ClassificationMetrics metrics, (double[] P, int Y)[] rows)
    {
        foreach (var (p, y) in rows)
        {
            metrics.Observe(p, y);
        }

        return metrics;
    }
}
