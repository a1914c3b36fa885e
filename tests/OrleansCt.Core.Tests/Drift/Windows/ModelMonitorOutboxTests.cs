using OrleansCt.Core.Drift.Windows;
using OrleansCt.Core.Events;
using OrleansCt.Core.Monitoring;
using OrleansCt.Core.Schema;

namespace OrleansCt.Core.Tests.Drift.Windows;

/// <summary>The model monitor's outbox to the feature windows: closed buckets summarized on the reference's bins until delivered.</summary>
public sealed class ModelMonitorOutboxTests
{
    /// <summary>Buckets of 10 s; one event per second, so bucket i holds the events of seconds 10i..10i + 9.</summary>
    private static readonly ModelSchema Schema = new(new ModelDefinition
    {
        Task = ModelTask.Binary,
        Target = "y",
        Classes = ["no", "yes"],
        Features = [new FeatureSpec { Name = "x", Type = FeatureType.Numeric }, new FeatureSpec { Name = "c", Type = FeatureType.Categorical }],
        Monitoring = new MonitoringSpec { BucketSeconds = 10 },
    });

    private static EventBatch Seconds(int from, int to)
    {
        var times = Enumerable.Range(from, to - from).Select(t => (double)t).ToArray();
        return new EventBatch
        {
            Ids = times.Select(t => $"e{t}").ToArray(),
            Times = times,
            Numeric = [times.Select(t => t % 7).ToArray()],
            Categorical = [times.Select(t => t % 2 == 0 ? "a" : "b").ToArray()],
        };
    }

    private static void Observe(ModelMonitor monitor, int from, int to, long sequence) =>
        monitor.ObserveEvents(Seconds(from, to), new Predictions(2, Enumerable.Repeat(new[] { 0.3, 0.7 }, to - from).SelectMany(p => p).ToArray()), sequence);

    private static ReferenceProfile Reference()
    {
        var rows = Seconds(0, 70);
        return ReferenceProfiler.FromColumns(Schema, 1, "test", rows.Numeric, rows.Categorical, null, null);
    }

    /// <summary>Seconds 0..29 before any reference (buckets 0 and 1 close), then the reference, then seconds 30..59 (buckets 2, 3 and 4 close).</summary>
    private static ModelMonitor Monitor()
    {
        var monitor = new ModelMonitor(Schema);
        Observe(monitor, 0, 30, 1);
        monitor.SetReference(Reference());
        Observe(monitor, 30, 60, 2);
        return monitor;
    }

    private static string Json<T>(T value) => System.Text.Encoding.UTF8.GetString(DriftJson.Write(value));

    [Fact]
    public void Buckets_closed_before_any_reference_are_not_summarized()
    {
        var monitor = new ModelMonitor(Schema);

        Observe(monitor, 0, 30, 1);

        Assert.Empty(monitor.PendingSummaries);
        Assert.Null(monitor.PendingProfile);
        Assert.Equal(1, monitor.LastSummarized);
    }

    [Fact]
    public void Buckets_closed_after_the_reference_wait_in_order_with_its_revision()
    {
        var monitor = Monitor();

        // The watermark is at 59 s: buckets 2 [20, 30), 3 and 4 [40, 50) have closed, bucket 5 is open.
        Assert.Equal([2L, 3L, 4L], monitor.PendingSummaries.Select(s => s.Index));
        Assert.All(monitor.PendingSummaries, s => Assert.Equal(1, s.ReferenceRevision));
        Assert.Equal([(20.0, 30.0), (30.0, 40.0), (40.0, 50.0)], monitor.PendingSummaries.Select(s => (s.Start, s.End)));
        Assert.All(monitor.PendingSummaries, s => Assert.Equal(10, s.Events));
        Assert.Equal(1, monitor.PendingProfile!.Revision);
        Assert.Equal(4, monitor.LastSummarized);

        // Bucket 3 holds seconds 30..39: x = t mod 7 binned on the reference's edges, c alternating a/b from a (t even).
        var three = monitor.PendingSummaries[1];
        var x = monitor.PendingProfile.Features[0];
        var expected = WindowData.CountByEdges(x.Histogram.Edges, Enumerable.Range(30, 10).Select(t => (double)(t % 7)));
        Assert.Equal(expected, three.Features[0].Histogram.Counts);
        Assert.Equal([5L, 5L, 0L], three.Features[1].Histogram.Counts);
        Assert.Equal((2L, 2L), (three.FirstSequence, three.LastSequence));
    }

    [Fact]
    public void Delivered_drops_the_profile_and_the_summaries_up_to_the_confirmed_bucket()
    {
        var monitor = Monitor();

        monitor.Delivered(1, 3);

        Assert.Null(monitor.PendingProfile);
        Assert.Equal([4L], monitor.PendingSummaries.Select(s => s.Index));
        monitor.Delivered(1, 4);
        Assert.Empty(monitor.PendingSummaries);
    }

    [Fact]
    public void A_confirmation_of_an_older_revision_keeps_the_newer_profile_and_summaries()
    {
        var monitor = Monitor();

        monitor.Delivered(0, long.MaxValue);

        Assert.Equal(1, monitor.PendingProfile!.Revision);
        Assert.Equal(3, monitor.PendingSummaries.Count);
    }

    [Fact]
    public void A_state_round_trip_keeps_the_outbox_and_the_last_summarized_bucket()
    {
        var monitor = Monitor();

        var restored = ModelMonitor.FromState(Schema, MonitorStateJson.Read(MonitorStateJson.Write(monitor.ToState()), Schema));

        Assert.Equal(Json(monitor.PendingSummaries), Json(restored.PendingSummaries));
        Assert.Equal(Json(monitor.PendingProfile), Json(restored.PendingProfile));
        Assert.Equal(4, restored.LastSummarized);

        // Both close bucket 5 the same way.
        Observe(monitor, 60, 70, 3);
        Observe(restored, 60, 70, 3);
        Assert.Equal([2L, 3L, 4L, 5L], restored.PendingSummaries.Select(s => s.Index));
        Assert.Equal(Json(monitor.PendingSummaries), Json(restored.PendingSummaries));
    }
}
