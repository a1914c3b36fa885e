using System.Globalization;
using OrleansCt.Core.Events;
using OrleansCt.Core.Monitoring;
using OrleansCt.Core.Schema;
using OrleansCt.Testing;

namespace OrleansCt.Core.Tests.Monitoring;

public sealed class MonitorDetectorTests
{
    private static readonly ModelSchema Binary = new(new ModelDefinition
    {
        Task = ModelTask.Binary,
        Target = "y",
        Classes = ["right", "wrong"],
        Features = [new FeatureSpec { Name = "x", Type = FeatureType.Numeric }],
        Monitoring = new MonitoringSpec { BucketSeconds = null, Detectors = [new DetectorSpec { Kind = "ddm" }, new DetectorSpec { Kind = "adwin", Parameters = new Dictionary<string, string> { ["delta"] = "0.002" } }] },
    });

    /// <summary>River's DDM example stream (binary errors, rate 0.3 then 0.7): 0 = right, 1 = wrong.</summary>
    private static double[] Errors() => File.ReadAllLines(RepoFiles.PathOf("tests/reference/vectors/binary_errors_03_to_07.csv")).Skip(1)
        .Select(line => double.Parse(line.Split(',')[^1], CultureInfo.InvariantCulture)).ToArray();

    /// <summary>Every prediction says "right" (P = 0.9), so the model's 0/1 error is 1 exactly when the label is "wrong".</summary>
    private static void Feed(ModelMonitor monitor, double[] errors, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            var batch = new EventBatch { Ids = [$"e{i}"], Times = [i], Numeric = [[0.0]], Categorical = [] };
            var predictions = new Predictions(2, [0.9, 0.1]);
            monitor.ObserveEvents(batch, predictions, sequence: i + 1);
            monitor.ObserveLabel(batch, 0, predictions.Row(0), label: errors[i], delaySeconds: 0, eventSequence: i + 1);
        }
    }

    [Fact]
    public void A_ddm_on_the_error_stream_signals_where_river_publishes_it()
    {
        var errors = Errors();
        var monitor = new ModelMonitor(Binary);
        Feed(monitor, errors, 0, errors.Length);

        // expected.json: DDM warns at 1084, drifts at 1334, warns again at 1492 (one warning per drift cycle).
        var ddm = monitor.Detectors[0];
        Assert.Equal((1L, 2L, 1334L, errors.Length), (ddm.Drifts, ddm.Warnings, ddm.LastDriftAt!.Value, (int)ddm.Updates));
        Assert.True(ddm.InWarning);
    }

    [Fact]
    public void Detectors_restored_from_a_checkpoint_go_on_exactly_like_uninterrupted_ones()
    {
        var errors = Errors();
        var uninterrupted = new ModelMonitor(Binary);
        Feed(uninterrupted, errors, 0, errors.Length);
        var half = new ModelMonitor(Binary);
        Feed(half, errors, 0, 1_200);
        var restored = ModelMonitor.FromState(Binary, MonitorStateJson.Read(MonitorStateJson.Write(half.ToState()), Binary));
        Feed(restored, errors, 1_200, errors.Length);

        Assert.Equal(MonitorStateJson.Write(uninterrupted.ToState()), MonitorStateJson.Write(restored.ToState()));
    }
}
