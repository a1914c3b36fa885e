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

    [Theory]
    [InlineData(false, 0)]
    [InlineData(false, 40)]
    [InlineData(true, 40)]
    public void Blocks_routed_at_once_count_as_their_events_routed_one_by_one(bool byCount, int lateness)
    {
        // Times in order across hour boundaries, with late events (past the watermark, and within the allowed lateness), a time of 0, and
        // at the end an infinite time and a NaN (each stops the clock, as one by one); blocks of every size, each routed at once where
        // RouteAll takes it and one by one where it does not.
        var random = new Random(lateness + (byCount ? 1 : 0));
        BucketSeries<Tally> Series() => byCount
            ? new(new BucketOptions { Seconds = null, Events = 500, Ring = 3 }, () => new Tally())
            : ByHour(lateness, ring: 3);
        var (single, blocks) = (Series(), Series());
        var time = -1_000.0;
        var (atOnce, found) = (0, 0);
        for (var batch = 0; batch < 400; batch++)
        {
            var times = Enumerable.Range(0, random.Next(1, 300)).Select(_ => random.Next(400) switch
            {
                0 => time - 7_200,
                1 => time - 30,
                2 when batch == 9 => 0.0,
                3 when batch == 398 => double.PositiveInfinity,
                4 when batch == 399 => double.NaN,
                _ => time += random.NextDouble() * 20,
            }).ToArray();
            var routed = times.Select(t => single.Route(t)).ToArray();
            foreach (var bucket in routed)
            {
                bucket.State.Count++;
            }

            for (var start = 0; start < times.Length;)
            {
                var block = times.AsSpan(start, Math.Min(random.Next(1, 80), times.Length - start));
                if (blocks.RouteAll(block) is { } all)
                {
                    Assert.All(routed.AsSpan(start, block.Length).ToArray(), b => Assert.Equal(b.Index, all.Index));
                    all.State.Count += block.Length;
                    atOnce++;
                }
                else
                {
                    foreach (var t in block)
                    {
                        blocks.Route(t).State.Count++;
                    }
                }

                if (blocks.TryFindAll(block, out var owner))
                {
                    foreach (var t in block)
                    {
                        Assert.Equal(blocks.Find(t), owner);
                        Assert.Equal(single.Find(t)?.Index, owner?.Index);
                    }

                    found++;
                }

                start += block.Length;
            }

            single.Advance();
            blocks.Advance();
            Assert.Equal(State(single), State(blocks));
        }

        Assert.True(atOnce > 500 && (byCount || found > 500), $"{atOnce} blocks went at once and {found} were found at once");
        Assert.True(byCount || single.LateEvents > 50);

        static string State(BucketSeries<Tally> series) =>
            $"{series.Watermark:R} {series.MaxEventTime:R} {series.LateEvents}: " + string.Join(", ", series.Closed.Concat(series.Open).Select(b => $"{b.Index} {b.Closed} {b.Events} {b.Late} {b.State.Count}"));
    }

    private sealed class Tally : IBucketState<Tally>
    {
        public int Count { get; set; }

        public void Merge(Tally other) => Count += other.Count;
    }
}
