using OrleansCt.Core.Drift.Multivariate;
using OrleansCt.Core.Drift.Windows;
using OrleansCt.Core.Events;
using OrleansCt.Core.Monitoring;
using OrleansCt.Core.Schema;

namespace OrleansCt.Core.Tests.Drift.Windows;

/// <summary>
/// The multivariate check through the monitor's buckets: x ~ N(0,1) and y = x + 0.3·noise in the reference; a window
/// where y = −x + 0.3·noise keeps both marginals (each still N(0, 1) and N(0, 1.09)) but breaks the joint distribution.
/// </summary>
public sealed class MultivariateWindowTests
{
    private static readonly ModelSchema Schema = new(new ModelDefinition
    {
        Task = ModelTask.Regression,
        Target = "t",
        Features = [new FeatureSpec { Name = "x", Type = FeatureType.Numeric }, new FeatureSpec { Name = "y", Type = FeatureType.Numeric }],
        Monitoring = new MonitoringSpec { BucketSeconds = 100, Drift = new DriftSpec { WindowSeconds = 500 } },
    });

    [Fact]
    public void A_flipped_correlation_drifts_the_joint_check_and_its_score_is_the_error_of_the_raw_window_rows()
    {
        var reference = Rows(5_000, flip: false, seed: 1);
        var monitor = new ModelMonitor(Schema);
        monitor.SetReference(ReferenceProfiler.FromColumns(Schema, 1, "test", reference, [], null, null));
        var window = new FeatureWindow();
        var flipped = Rows(1_000, flip: true, seed: 2);
        var verdicts = new List<WindowVerdict>();
        for (var start = 0; start < 1_100; start += 100)
        {
            // Ten buckets of 100 flipped rows (times start..start+99), then one row that closes the tenth.
            var count = start < 1_000 ? 100 : 1;
            var batch = new EventBatch
            {
                Ids = Enumerable.Range(start, count).Select(i => $"e{i}").ToArray(),
                Times = Enumerable.Range(start, count).Select(i => (double)i).ToArray(),
                Numeric = [.. flipped.Select(c => c.Skip(Math.Min(start, 999)).Take(count).ToArray())],
                Categorical = [],
            };
            monitor.ObserveEvents(batch, new Predictions(1, new double[count]));
            verdicts.AddRange(window.Feed(new WindowFeed(monitor.PendingProfile, [.. monitor.PendingSummaries], Schema.Definition.Monitoring.Drift, new AlertSpec(), 100, [])));
            monitor.Delivered(1, long.MaxValue);
        }

        // The last complete window holds rows 500..999.
        var last = verdicts[^1].Evaluation;
        var direct = new CoMoments(2);
        for (var r = 500; r < 1_000; r++)
        {
            direct.Add([flipped[0][r], flipped[1][r]]);
        }

        var (all, _) = MultivariateReference.Moments(reference);
        Assert.Equal(PcaReconstruction.Fit(all).Error(direct), last.Multivariate!.Score, 9);
        Assert.True(last.Multivariate.Drifted, $"error {last.Multivariate.Score} under threshold {last.Multivariate.Threshold}");
        Assert.Contains(verdicts[^1].Observations, o => o.Kind == "multivariate" && o.IsBad());
        Assert.DoesNotContain(last.Features, f => f.Drifted);
    }

    [Fact]
    public void A_window_from_the_reference_distribution_stays_under_the_threshold()
    {
        var reference = Rows(5_000, flip: false, seed: 1);
        var profile = ReferenceProfiler.FromColumns(Schema, 1, "test", reference, [], null, null);
        var same = Rows(1_000, flip: false, seed: 3);
        var moments = new CoMoments(2);
        for (var r = 0; r < 1_000; r++)
        {
            moments.Add([same[0][r], same[1][r]]);
        }

        Assert.True(PcaReconstruction.FromState(profile.Multivariate!.Model).Error(moments) < profile.Multivariate.Threshold);
    }

    private static double[][] Rows(int n, bool flip, int seed)
    {
        var random = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var x = new double[n];
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = Normal();
            y[i] = ((flip ? -1 : 1) * x[i]) + (0.3 * Normal());
        }

        return [x, y];
    }
}
