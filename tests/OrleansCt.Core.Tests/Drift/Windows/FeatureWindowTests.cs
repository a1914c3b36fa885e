using OrleansCt.Core.Drift.Windows;
using OrleansCt.Core.Schema;

namespace OrleansCt.Core.Tests.Drift.Windows;

/// <summary>A feature window's ring: idempotent feeds, reference revisions, complete windows only, history and its stored state.</summary>
public sealed class FeatureWindowTests
{
    private const double Hour = WindowData.Hour;

    private static readonly ColumnReference Column = ReferenceProfiler.Numeric("x", WindowData.Normal(1, 400), 10);

    private static readonly ReferenceProfile Profile = new(1, "test", 400, [Column], null, null);

    private static readonly DriftSpec FourHours = new() { WindowSeconds = 4 * Hour };

    /// <summary>Hour <paramref name="index"/>: 50 fresh standard normal values.</summary>
    private static BucketSummary Bucket(int index, int revision = 1) =>
        WindowData.Hourly(Profile, index, WindowData.Numeric(Column, WindowData.Normal(100 + index, 50))) with { ReferenceRevision = revision };

    /// <summary>Hours from..to − 1.</summary>
    private static BucketSummary[] Buckets(int from, int to, int revision = 1) =>
        Enumerable.Range(from, to - from).Select(i => Bucket(i, revision)).ToArray();

    private static IReadOnlyList<WindowVerdict> Feed(FeatureWindow window, ReferenceProfile? profile, BucketSummary[] buckets, DriftSpec? drift = null, double? bucketSeconds = Hour) =>
        window.Feed(new WindowFeed(profile, buckets, drift ?? FourHours, new AlertSpec(), bucketSeconds, []));

    private static string Json<T>(T value) => System.Text.Encoding.UTF8.GetString(DriftJson.Write(value));

    [Fact]
    public void Hourly_buckets_make_a_four_hour_window_complete_from_the_fourth_bucket_on()
    {
        var verdicts = Feed(new FeatureWindow(), Profile, Buckets(0, 6));

        // Buckets 0..3 span [0 h, 4 h); windows end with buckets 3, 4 and 5, each of four buckets.
        Assert.Equal([4 * Hour, 5 * Hour, 6 * Hour], verdicts.Select(v => v.Evaluation.WindowEnd!.Value));
        Assert.Equal([0 * Hour, 1 * Hour, 2 * Hour], verdicts.Select(v => v.Evaluation.WindowStart!.Value));
        Assert.All(verdicts, v => Assert.Equal(4, v.Evaluation.Buckets));
    }

    [Fact]
    public void A_timed_window_is_complete_once_it_spans_the_window_less_half_a_bucket()
    {
        // 3.5 h: buckets starting at or after end − 3.5 h are three whole hours, and 3 h ≥ 3.5 h − 0.5 h.
        var verdicts = Feed(new FeatureWindow(), Profile, Buckets(0, 4), new DriftSpec { WindowSeconds = 3.5 * Hour });

        Assert.Equal([3 * Hour, 4 * Hour], verdicts.Select(v => v.Evaluation.WindowEnd!.Value));
        Assert.All(verdicts, v => Assert.Equal(3, v.Evaluation.Buckets));
    }

    [Fact]
    public void A_missing_hour_still_counts_toward_the_span_of_a_timed_window()
    {
        // Hours 0, 1 and 3 (no events in hour 2), window 3 h: the window ending with hour 3 holds hours 1 and 3 and spans 3 h.
        var verdicts = Feed(new FeatureWindow(), Profile, [Bucket(0), Bucket(1), Bucket(3)], new DriftSpec { WindowSeconds = 3 * Hour });

        var only = Assert.Single(verdicts);
        Assert.Equal((1 * Hour, 4 * Hour, 2), (only.Evaluation.WindowStart, only.Evaluation.WindowEnd, only.Evaluation.Buckets));
    }

    [Fact]
    public void A_window_of_counted_buckets_is_complete_once_it_holds_WindowBuckets_buckets()
    {
        var counted = Buckets(0, 5).Select(b => b with { Start = double.NaN, End = double.NaN }).ToArray();

        var verdicts = Feed(new FeatureWindow(), Profile, counted, new DriftSpec { WindowBuckets = 3 }, bucketSeconds: null);

        // Windows end with buckets 2, 3 and 4 and hold three buckets each; they have no time span.
        Assert.Equal([3L, 4L, 5L], verdicts.Select(v => v.Evaluation.LastSequence));
        Assert.All(verdicts, v => Assert.Equal((3, (double?)null, (double?)null), (v.Evaluation.Buckets, v.Evaluation.WindowStart, v.Evaluation.WindowEnd)));
    }

    [Fact]
    public void Feeding_the_same_buckets_again_gives_no_second_verdict_and_leaves_the_ring_as_it_was()
    {
        var window = new FeatureWindow();
        Feed(window, Profile, Buckets(0, 6));
        var before = Json(window.ToState());

        var again = Feed(window, Profile, Buckets(0, 6));
        var after = Json(window.ToState());
        var overlapping = Feed(window, Profile, Buckets(4, 8));

        Assert.Empty(again);
        Assert.Equal(before, after);

        // Buckets 4 and 5 are held already: only 6 and 7 are new.
        Assert.Equal([7 * Hour, 8 * Hour], overlapping.Select(v => v.Evaluation.WindowEnd!.Value));
        Assert.Equal(7, window.LastIndex);
    }

    [Fact]
    public void A_profile_of_a_higher_revision_empties_the_ring_and_buckets_of_an_older_revision_are_ignored()
    {
        var window = new FeatureWindow();
        Feed(window, Profile, Buckets(0, 6));
        var second = Profile with { Revision = 2 };

        var reset = Feed(window, second, Buckets(6, 8, revision: 2));
        var old = Feed(window, Profile, Buckets(8, 12, revision: 1));

        Assert.Empty(reset);
        Assert.Empty(old);
        Assert.Equal(2, window.Profile!.Revision);
        Assert.Equal([6L, 7L], window.Ring.Select(b => b.Index));

        // Revision 2 holds buckets 6..9 now: the first complete 4 h window ends with bucket 9, at 10 h.
        var next = Feed(window, null, Buckets(8, 10, revision: 2));
        Assert.Equal([10 * Hour], next.Select(v => v.Evaluation.WindowEnd!.Value));
        Assert.All(next, v => Assert.Equal(2, v.Evaluation.ReferenceRevision));
    }

    [Fact]
    public void The_ring_keeps_KeepBuckets_buckets()
    {
        var window = new FeatureWindow();

        Feed(window, Profile, Buckets(0, 8), FourHours with { KeepBuckets = 5 });

        Assert.Equal([3L, 4L, 5L, 6L, 7L], window.Ring.Select(b => b.Index));
    }

    [Fact]
    public void The_history_of_a_shorter_window_has_more_points()
    {
        var window = new FeatureWindow();
        Feed(window, Profile, Buckets(0, 6));

        // Six hourly buckets: a 4 h window is complete at buckets 3..5, a 2 h one at 1..5, a 1 h one at each bucket.
        Assert.Equal(3, window.History(null, null, null).Count);
        Assert.Equal([2 * Hour, 3 * Hour, 4 * Hour, 5 * Hour, 6 * Hour], window.History(2 * Hour, null, null).Select(e => e.WindowEnd!.Value));
        Assert.Equal(6, window.History(Hour, null, null).Count);
        Assert.Equal([5 * Hour], window.History(null, 4.5 * Hour, 5.5 * Hour).Select(e => e.WindowEnd!.Value));
    }

    [Fact]
    public void A_state_round_trip_through_DriftJson_gives_the_same_history_and_the_same_next_verdict()
    {
        var window = new FeatureWindow();
        var psi = FourHours with { Features = new Dictionary<string, FeatureDriftSpec> { ["x"] = new() { Statistic = "psi" } } };
        Feed(window, Profile, Buckets(0, 6), psi);

        var restored = FeatureWindow.FromState(DriftJson.Read<FeatureWindowState>(DriftJson.Write(window.ToState())));

        Assert.Equal(Json(window.History(null, null, null)), Json(restored.History(null, null, null)));
        Assert.Equal(Json(window.History(2 * Hour, null, null)), Json(restored.History(2 * Hour, null, null)));
        Assert.Equal(Json(Feed(window, null, Buckets(6, 7), psi)), Json(Feed(restored, null, Buckets(6, 7), psi)));
    }

    [Fact]
    public void A_window_that_is_not_a_whole_number_of_buckets_is_scored_on_the_whole_buckets_it_holds()
    {
        // 3.75 h over hourly buckets: the 3 whole buckets that fit (the 4th starts before the window does).
        var column = ReferenceProfiler.Numeric("x", WindowData.Normal(1, 400), 10);
        var profile = new ReferenceProfile(1, "test", 400, [column], null, null);
        var buckets = Enumerable.Range(0, 10).Select(i => WindowData.Hourly(profile, i, WindowData.Numeric(column, WindowData.Normal(100 + i, 50)))).ToArray();
        var window = new FeatureWindow();

        var verdicts = window.Feed(new WindowFeed(profile, buckets, new DriftSpec { WindowSeconds = 3.75 * 3_600 }, new AlertSpec(), 3_600, []));

        Assert.Equal(8, verdicts.Count);
        Assert.All(verdicts, v => Assert.Equal(3, v.Evaluation.Buckets));
        // A 100-minute window holds one whole hourly bucket: every one of the 10 buckets ends one.
        Assert.Equal(10, window.History(6_000, null, null).Count);
    }
}
