using OrleansCt.Core.Metrics;

namespace OrleansCt.Core.Tests.Metrics;

/// <summary>
/// Against scikit-learn 1.2.1 (numpy 1.24.2) mean_absolute_error, sqrt(mean_squared_error) and r2_score as printed by
/// Reference/metrics_reference.py; differences are summation order only (numpy sums pairwise, R² via a two-pass SST).
/// </summary>
public sealed class RegressionSklearnTests
{
    private const double Relative = 1e-12;

    public static TheoryData<int, int, double, double, double> HousingCases => new()
    {
        // from, to, mae, rmse, r2
        { 0, 20640, 64544.33405038758, 82715.76386031036, 0.4861705494284164 },
        { 0, 5000, 65946.51476, 82208.52695487985, 0.41691168966234093 },
        { 5000, 12000, 60412.28791428571, 81262.90648636152, 0.4943513468181714 },
        { 12000, 20640, 67080.60944444445, 84162.49780888148, 0.4711520873513243 },
    };

    [Theory]
    [MemberData(nameof(HousingCases))]
    public void Housing_rows_match_scikit_learn(int from, int to, double mae, double rmse, double r2)
    {
        var metrics = new RegressionMetrics();
        for (var r = from; r < to; r++)
        {
            metrics.Observe(HousingRule.Predicted[r], HousingRule.Labels[r]);
        }

        AssertValues(to - from, mae, rmse, r2, metrics.Values());
    }

    [Fact]
    public void Housing_chunks_merged_match_scikit_learn_on_the_whole_file()
    {
        var merged = new RegressionMetrics();
        foreach (var (from, to) in new[] { (0, 5000), (5000, 12000), (12000, 20640) })
        {
            var chunk = new RegressionMetrics();
            for (var r = from; r < to; r++)
            {
                chunk.Observe(HousingRule.Predicted[r], HousingRule.Labels[r]);
            }

            merged.Merge(chunk);
        }

        AssertValues(20640, 64544.33405038758, 82715.76386031036, 0.4861705494284164, merged.Values());
    }

    private static void AssertValues(long count, double mae, double rmse, double r2, RegressionValues values)
    {
        Assert.Equal(count, values.Count);
        MetricAssert.Close(mae, values.Mae, Relative * mae);
        MetricAssert.Close(rmse, values.Rmse, Relative * rmse);
        MetricAssert.Close(r2, values.R2, Relative);
    }
}
