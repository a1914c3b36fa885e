using MathNet.Numerics.Statistics;
using OrleansCt.Core.Events;
using OrleansCt.Core.Monitoring;
using OrleansCt.Core.Schema;
using OrleansCt.Core.Tests.Learning;

namespace OrleansCt.Core.Tests.Monitoring;

public sealed class ModelMonitorTests
{
    private static readonly ModelSchema Daily = new(Elec2.Definition(new LearnerSpec()) with
    {
        Monitoring = new MonitoringSpec { BucketSeconds = 86_400, Ring = 10 },
    });

    private static EventBatch Rows(int from, int to) => Elec2.Batch.Select(Enumerable.Range(from, to - from).ToArray()) with
    {
        Times = Enumerable.Range(from, to - from).Select(r => r * 1800.0).ToArray(),
    };

    /// <summary>Every prediction says P(UP) = 0.7, so the served class is UP: accuracy is the share of UP labels.</summary>
    private static Predictions Constant(int count) => new(2, Enumerable.Range(0, count).SelectMany(_ => new[] { 0.3, 0.7 }).ToArray());

    private static ModelMonitor Feed(ModelMonitor monitor, int from, int to, int batch = 48)
    {
        for (var start = from; start < to; start += batch)
        {
            var rows = Rows(start, Math.Min(start + batch, to));
            var predictions = Constant(rows.Count);
            // The labels arrive later (delay = row), not with the events.
            monitor.ObserveEvents(rows with { Labels = null }, predictions);
            for (var row = 0; row < rows.Count; row++)
            {
                monitor.ObserveLabel(rows, row, predictions.Row(row), rows.Labels![row], delaySeconds: row);
            }
        }

        return monitor;
    }

    [Fact]
    public void A_daily_bucket_holds_the_exact_moments_and_accuracy_of_its_48_rows()
    {
        var monitor = Feed(new ModelMonitor(Daily), 0, 48 * 5);
        var day = monitor.Buckets.Closed.Single(b => b.Index == 3);
        var rows = Rows(48 * 3, 48 * 4);
        var price = rows.Numeric[Array.IndexOf(Elec2.NumericNames, "nswprice")];
        var sketch = day.State.Numeric[Array.IndexOf(Elec2.NumericNames, "nswprice")];

        Assert.Equal(48, day.Events);
        Assert.Equal(price.Mean(), sketch.Moments.Mean, 12);
        Assert.Equal(price.PopulationStandardDeviation(), sketch.Moments.Std, 12);
        Assert.Equal((price.Min(), price.Max()), (sketch.Moments.Min, sketch.Moments.Max));
        Assert.Equal(rows.Labels!.Count(l => l == 1) / 48.0, day.State.Classification!.Values().Accuracy);
        Assert.Equal(48, day.State.Classification.Values().Count);
    }

    [Fact]
    public void The_first_reference_events_fix_the_bins_of_every_later_bucket()
    {
        var monitor = Feed(new ModelMonitor(Daily), 0, 48 * 30);

        Assert.Null(monitor.Reference);
        Assert.NotNull(monitor.Binning);
        var binned = monitor.Buckets.Closed.Where(b => b.Start >= 1_000 * 1800.0).ToList();
        Assert.NotEmpty(binned);
        Assert.All(binned, b => Assert.Equal(b.Events, b.State.Histograms![2].Total));
    }

    [Fact]
    public void A_label_for_a_closed_bucket_is_counted_there_and_as_after_close()
    {
        var monitor = Feed(new ModelMonitor(Daily), 0, 48 * 3);
        var early = Rows(10, 11);
        monitor.ObserveLabel(early, 0, [0.3, 0.7], 1, delaySeconds: 86_400);

        var first = monitor.Buckets.Closed.Single(b => b.Index == 0);
        Assert.Equal((1L, 1L), (first.LabelsAfterClose, monitor.LabelsAfterClose));
        Assert.Equal(49, first.State.Classification!.Values().Count);
    }

    [Fact]
    public void With_buckets_of_a_number_of_events_a_late_label_finds_its_bucket_by_the_log_entry_of_its_event()
    {
        var byCount = new ModelSchema(Daily.Definition with { Monitoring = new MonitoringSpec { BucketSeconds = null, BucketEvents = 96 } });
        var monitor = new ModelMonitor(byCount);
        for (var entry = 1; entry <= 5; entry++)
        {
            var rows = Rows((entry - 1) * 48, entry * 48);
            monitor.ObserveEvents(rows with { Labels = null }, Constant(48), sequence: entry);
        }

        // Entries 1-2 filled bucket 0, entries 3-4 bucket 1 (both closed at their second batch); entry 5 is in bucket 2.
        monitor.ObserveLabel(Rows(100, 101), 0, [0.3, 0.7], 1, delaySeconds: 5, eventSequence: 3);

        var second = monitor.Buckets.Closed.Single(b => b.Index == 1);
        Assert.Equal((3L, 4L), (second.FirstSequence, second.LastSequence));
        Assert.Equal((1L, 1L), (second.LabelsAfterClose, second.State.Classification!.Values().Count));
    }

    [Fact]
    public void A_checkpoint_restored_midway_continues_bit_for_bit_like_an_uninterrupted_monitor()
    {
        var uninterrupted = Feed(new ModelMonitor(Daily), 0, 48 * 40);
        // The same calls in the same order, with a checkpoint and restore between two of them (day 17, mid-reference).
        var half = Feed(new ModelMonitor(Daily), 0, 48 * 17);
        var restored = ModelMonitor.FromState(Daily, MonitorStateJson.Read(MonitorStateJson.Write(half.ToState()), Daily));
        Feed(restored, 48 * 17, 48 * 40);

        Assert.Equal(MonitorStateJson.Write(uninterrupted.ToState()), MonitorStateJson.Write(restored.ToState()));
    }

    [Theory]
    [InlineData("all", null, null)]
    [InlineData("90s", 90.0, null)]
    [InlineData("30m", 1800.0, null)]
    [InlineData("24h", 86_400.0, null)]
    [InlineData("7d", 604_800.0, null)]
    [InlineData("10000e", null, 10_000L)]
    public void Windows_are_spans_of_event_time_or_numbers_of_events(string text, double? seconds, long? events)
    {
        Assert.True(WindowSpec.TryParse(text, out var window, out _));
        Assert.Equal((seconds, events), (window.Seconds, window.Events));
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("-5h")]
    [InlineData("h")]
    public void Other_windows_are_refused_naming_the_window(string text)
    {
        Assert.False(WindowSpec.TryParse(text, out _, out var error));
        Assert.Equal("window", error!.Field);
    }
}
