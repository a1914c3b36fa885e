using OrleansCt.Core.Metrics;

namespace OrleansCt.Core.Tests.Metrics;

/// <summary>
/// Against scikit-learn 1.2.1 (numpy 1.24.2) as printed by Reference/metrics_reference.py
/// (run: /usr/bin/python3 tests/OrleansCt.Core.Tests/Reference/metrics_reference.py). Ratios of counts match to the last
/// bit or one rounding; log loss differs only by summation order (numpy sums pairwise).
/// </summary>
public sealed class ClassificationSklearnTests
{
    private const double RatioTolerance = 1e-15;
    private const double LogLossTolerance = 1e-12;

    public static TheoryData<int, int, double, double, double, double, double, double, double, double> Elec2Cases => new()
    {
        // from, to, accuracy_score, log_loss, precision_score, recall_score, f1_score, roc_auc_score (exact),
        // binned AUC and its bound computed independently by the script (1,000 bins).
        { 0, 45312, 0.612354343220339, 0.7199912256615371, 0.6290920321185918, 0.21177938347975256, 0.31688251079220625, 0.6075283743062454, 0.6075311115210177, 0.0009595273489970265 },
        { 0, 17424, 0.5975091827364555, 0.6962745856430481, 0.6121987951807228, 0.2136943093704823, 0.3168046760837798, 0.604640541836299, 0.604643996468509, 0.0009868933530265223 },
        { 17424, 30000, 0.607029262086514, 0.7626461112228882, 0.5522696011004127, 0.15763643502159402, 0.24526572999389126, 0.5784044906309366, 0.5784051859261338, 0.0009901790734092144 },
        { 30000, 45312, 0.6336206896551724, 0.711945960174507, 0.6952662721893491, 0.25176002448729723, 0.36966292134831463, 0.6316941936051694, 0.6317039224100265, 0.0009166347429360334 },
    };

    [Theory]
    [MemberData(nameof(Elec2Cases))]
    public void Elec2_rows_match_scikit_learn(int from, int to, double accuracy, double logLoss, double precision, double recall, double f1, double exactAuc, double binnedAuc, double bound)
    {
        var metrics = new ClassificationMetrics(classes: 2, positiveClass: 1);
        for (var r = from; r < to; r++)
        {
            metrics.Observe(Elec2Rule.Row(r), Elec2Rule.Labels[r]);
        }

        var values = metrics.Values();
        Assert.Equal(to - from, values.Count);
        MetricAssert.Close(accuracy, values.Accuracy, RatioTolerance);
        MetricAssert.Close(logLoss, values.LogLoss, LogLossTolerance);
        MetricAssert.Close(precision, values.Precision, RatioTolerance);
        MetricAssert.Close(recall, values.Recall, RatioTolerance);
        MetricAssert.Close(f1, values.F1, RatioTolerance);
        MetricAssert.Close(binnedAuc, values.RocAuc, 1e-15);
        MetricAssert.Close(bound, metrics.RocAucErrorBound(1), 1e-15);
        Assert.True(Math.Abs(values.RocAuc!.Value - exactAuc) <= bound, $"binned AUC {values.RocAuc} is further than the bound {bound} from scikit-learn's {exactAuc}");
    }

    [Fact]
    public void Elec2_chunks_merged_match_scikit_learn_on_the_whole_file()
    {
        var merged = new ClassificationMetrics(2, 1);
        foreach (var (from, to) in new[] { (0, 17424), (17424, 30000), (30000, 45312) })
        {
            var chunk = new ClassificationMetrics(2, 1);
            for (var r = from; r < to; r++)
            {
                chunk.Observe(Elec2Rule.Row(r), Elec2Rule.Labels[r]);
            }

            merged.Merge(chunk);
        }

        var values = merged.Values();
        Assert.Equal(45312, values.Count);
        MetricAssert.Close(0.612354343220339, values.Accuracy, RatioTolerance);
        MetricAssert.Close(0.7199912256615371, values.LogLoss, LogLossTolerance);
        MetricAssert.Close(0.6290920321185918, values.Precision, RatioTolerance);
        MetricAssert.Close(0.21177938347975256, values.Recall, RatioTolerance);
        MetricAssert.Close(0.31688251079220625, values.F1, RatioTolerance);
        MetricAssert.Close(0.6075311115210177, values.RocAuc, 1e-15);
    }

    [Fact]
    public void Elec2_has_certain_wrong_predictions_that_hit_the_log_loss_clip()
    {
        // The script reports 93 rows with P(UP) = 0 (33 of them UP): the log loss above only matches with sklearn 1.2's eps = 2^-52.
        Assert.Equal(93, Elec2Rule.Up.Count(p => p == 0.0));
        Assert.Equal(33, Enumerable.Range(0, Elec2Rule.Rows).Count(r => Elec2Rule.Up[r] == 0.0 && Elec2Rule.Labels[r] == 1));
    }

    [Fact]
    public void Three_classes_accuracy_log_loss_and_one_vs_rest_auc_match_scikit_learn()
    {
        // Same 12 rows as MULTI_P / MULTI_Y in the script: argmax ties (rows 4, 5, 10), a zero probability, a certain wrong
        // answer (row 7) and rows that do not sum to 1 (rows 9, 10), which log_loss renormalises.
        double[][] probabilities =
        [
            [0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.2, 0.3, 0.5], [0.4, 0.4, 0.2],
            [0.0, 0.5, 0.5], [0.3, 0.3, 0.4], [1.0, 0.0, 0.0], [0.25, 0.25, 0.5],
            [0.6, 0.3, 0.3], [0.1, 0.1, 0.1], [0.05, 0.9, 0.05], [0.33, 0.33, 0.34],
        ];
        int[] labels = [0, 1, 1, 0, 2, 2, 1, 0, 0, 2, 1, 2];
        var metrics = new ClassificationMetrics(classes: 3, positiveClass: 2);
        for (var i = 0; i < labels.Length; i++)
        {
            metrics.Observe(probabilities[i], labels[i]);
        }

        var values = metrics.Values();
        MetricAssert.Close(0.5833333333333334, values.Accuracy, RatioTolerance);
        MetricAssert.Close(3.7262831116984994, values.LogLoss, 1e-15);

        // Scores sharing a bin here are exact ties, which both sides count as 0.5, so binned = exact.
        MetricAssert.Close(0.8125, metrics.RocAuc(0), 1e-15);
        MetricAssert.Close(0.625, metrics.RocAuc(1), 1e-15);
        MetricAssert.Close(0.6875, metrics.RocAuc(2), 1e-15);
        Assert.Equal(metrics.RocAuc(2), values.RocAuc);
    }
}
