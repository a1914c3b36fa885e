using OrleansCt.Core.Buckets;

namespace OrleansCt.Core.Tests.Buckets;

public sealed class BucketSeriesTests
{
    private static BucketSeries<Tally> ByHour(double lateness = 0, int ring = 24) =>
        new(new BucketOptions { Seconds = 3600, AllowedLatenessSeconds = lateness, Ring = ring }, () => new Tally());

    private static void Send(BucketSeries<Tally> series, params double[] times)
    {
        foreach (var time in times)
        {
            series.Route(time).State.Count++;
        }

        series.Advance();
    }

    [Fact]
    public void Events_go_to_the_bucket_of_their_time_and_the_watermark_closes_the_buckets_it_passes()
    {
        var series = ByHour();
        Send(series, 10, 3599, 3600, 7300);

        // Watermark 7300: buckets [0,3600) and [3600,7200) are closed, [7200,10800) is open.
        Assert.Equal([0L, 1L], series.Closed.Select(b => b.Index));
        Assert.Equal([2, 1], series.Closed.Select(b => b.State.Count));
        Assert.Equal([2L], series.Open.Select(b => b.Index));
        Assert.Equal(7300, series.Watermark);
    }

    [Fact]
    public void An_event_for_a_closed_bucket_is_late_and_counted_in_the_newest_open_bucket()
    {
        var series = ByHour();
        Send(series, 7300);
        Send(series, 100);

        Assert.Equal(1, series.LateEvents);
        var current = Assert.Single(series.Open);
        Assert.Equal((2L, 2, 1L), (current.Index, current.State.Count, current.Late));
    }

    [Fact]
    public void Allowed_lateness_keeps_a_bucket_open_for_out_of_order_events()
    {
        var series = ByHour(lateness: 600);
        Send(series, 3700);      // watermark 3100: [0,3600) still open
        Send(series, 3500);      // on time
        Send(series, 4300);      // watermark 3700: [0,3600) closes

        Assert.Equal(0, series.LateEvents);
        Assert.Equal(1, Assert.Single(series.Closed).State.Count);
    }

    [Fact]
    public void The_ring_keeps_only_the_newest_closed_buckets_and_a_window_merges_them()
    {
        var series = ByHour(ring: 2);
        Send(series, 0, 3600, 3601, 7200, 10800);

        Assert.Equal([1L, 2L], series.Closed.Select(b => b.Index));
        Assert.Equal(4, series.Merge(_ => true).Count);                 // 2 + 1 in the ring, 1 open
        Assert.Equal(2, series.Merge(b => b.Index == 1).Count);
        Assert.Null(series.Find(0));
        Assert.Equal(1, series.Find(3700)!.Index);
    }

    [Fact]
    public void By_count_a_bucket_closes_at_the_batch_boundary_after_it_is_full()
    {
        var series = new BucketSeries<Tally>(new BucketOptions { Seconds = null, Events = 3 }, () => new Tally());
        Send(series, 1, 2);
        Send(series, 3, 4);      // 4 events: closes at this boundary
        Send(series, 5);

        Assert.Equal(4, Assert.Single(series.Closed).State.Count);
        Assert.Equal(1, Assert.Single(series.Open).State.Count);
    }

    private sealed class Tally : IBucketState<Tally>
    {
        public int Count { get; set; }

        public void Merge(Tally other) => Count += other.Count;
    }
}
