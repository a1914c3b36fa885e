using OrleansCt.Core.Events;
using OrleansCt.Core.Monitoring;
using OrleansCt.Core.Schema;
using OrleansCt.Core.Tests.Learning;
using OrleansCt.Testing;

namespace OrleansCt.Core.Tests.Monitoring;

/// <summary>
/// Checkpoints written by the build before the monitor was composed of parts (commit 59036b4, the flat MonitorStateV1 shape)
/// still restore. Checkpoints/monitor-v1-dayN.json were written by that build after feeding elec2's first N days exactly as
/// <see cref="Feed"/> does (daily buckets, ring 3, a DDM detector, labels right after their events): one while the reference
/// was still being gathered (day 17), one after it fixed the bins with summaries waiting in the outbox (day 30). A monitor
/// restored from either and fed on to day 40 must end in the very state of one fed days 0 to 40 without a break.
/// </summary>
public sealed class CheckpointCompatibilityTests
{
    private static readonly ModelSchema Schema = new(Elec2.Definition(new LearnerSpec()) with
    {
        Monitoring = new MonitoringSpec { BucketSeconds = 86_400, Ring = 3, Detectors = [new DetectorSpec { Kind = "ddm" }] },
    });

    [Theory]
    [InlineData(17)]
    [InlineData(30)]
    public void A_flat_checkpoint_of_the_previous_build_restores_and_continues_bit_for_bit(int day)
    {
        var json = File.ReadAllBytes(RepoFiles.PathOf($"tests/OrleansCt.Core.Tests/Monitoring/Checkpoints/monitor-v1-day{day}.json"));
        var restored = ModelMonitor.FromState(Schema, MonitorStateJson.Read(json, Schema));
        var uninterrupted = Feed(new ModelMonitor(Schema), 0, 48 * 40);

        Feed(restored, 48 * day, 48 * 40);

        Assert.Equal(MonitorStateJson.Write(uninterrupted.ToState()), MonitorStateJson.Write(restored.ToState()));
    }

    private static ModelMonitor Feed(ModelMonitor monitor, int from, int to)
    {
        for (var start = from; start < to; start += 48)
        {
            var rows = Elec2.Batch.Select(Enumerable.Range(start, 48).ToArray()) with { Times = Enumerable.Range(start, 48).Select(r => r * 1800.0).ToArray() };
            var predictions = new Predictions(2, Enumerable.Range(0, 48).SelectMany(_ => new[] { 0.3, 0.7 }).ToArray());
            monitor.ObserveEvents(rows with { Labels = null }, predictions);
            for (var row = 0; row < rows.Count; row++)
            {
                monitor.ObserveLabel(rows, row, predictions.Row(row), rows.Labels![row], delaySeconds: row);
            }
        }

        return monitor;
    }
}
