using OrleansCt.Core.Events;
using OrleansCt.Core.Monitoring;
using OrleansCt.Core.Schema;
using OrleansCt.Core.Tests.Learning;

namespace OrleansCt.Core.Tests.Monitoring;

/// <summary>Labels that come with their events (backfill) are observed with them, before the buckets the batch completes close.</summary>
public sealed class EntryLabelTests
{
    private static readonly ModelSchema Daily = new(Elec2.Definition(new LearnerSpec()) with
    {
        Monitoring = new MonitoringSpec { BucketSeconds = 86_400, Ring = 10, ReferenceEvents = 96 },
    });

    private static EventBatch Rows(int from, int to) => Elec2.Batch.Select(Enumerable.Range(from, to - from).ToArray()) with
    {
        Times = Enumerable.Range(from, to - from).Select(r => r * 1800.0).ToArray(),
    };

    private static Predictions Constant(int count) => new(2, Enumerable.Range(0, count).SelectMany(_ => new[] { 0.3, 0.7 }).ToArray());

    [Fact]
    public void Labels_carried_by_events_equal_the_same_labels_observed_one_by_one_at_delay_zero()
    {
        // Days 0 to 3 (rows 0..191), each batch inside one day so that no bucket closes between the events and their labels.
        var carried = new ModelMonitor(Daily);
        var separate = new ModelMonitor(Daily);
        for (var day = 0; day < 4; day++)
        {
            var rows = Rows(day * 48, (day + 1) * 48);
            var predictions = Constant(rows.Count);
            Assert.Equal(48, carried.ObserveEvents(rows, predictions, day + 1));
            Assert.Equal(0, separate.ObserveEvents(rows with { Labels = null }, predictions, day + 1));
            for (var row = 0; row < rows.Count; row++)
            {
                separate.ObserveLabel(rows, row, predictions.Row(row), rows.Labels![row], 0, day + 1);
            }
        }

        Assert.Equal(MonitorStateJson.Write(separate.ToState()), MonitorStateJson.Write(carried.ToState()));
    }

    [Fact]
    public void A_batch_spanning_two_days_counts_its_labels_in_the_day_it_closes()
    {
        var monitor = new ModelMonitor(Daily);
        var rows = Rows(0, 96);
        var ups = rows.Labels!.Take(48).Count(l => l == 1);

        Assert.Equal(96, monitor.ObserveEvents(rows, Constant(96), 1));

        // Day 0 closed when the first event of day 1 moved the watermark past it, and it did so holding its own 48 labels.
        var day0 = monitor.Buckets.Closed.Single();
        Assert.Equal((0L, 0L, 48L), (day0.Index, day0.LabelsAfterClose, day0.State.Classification!.Count));
        Assert.Equal((double)ups / 48, day0.State.Classification.Values().Accuracy);
        Assert.Equal(0, monitor.LabelsAfterClose);
        Assert.Equal(96, monitor.WholeStream().Classification!.Count);
    }
}
