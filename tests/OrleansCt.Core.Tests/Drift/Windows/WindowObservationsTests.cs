using OrleansCt.Core.Alerts;
using OrleansCt.Core.Drift.Windows;
using OrleansCt.Core.Schema;

namespace OrleansCt.Core.Tests.Drift.Windows;

/// <summary>The alert observations of a scored window, from two hand-built hourly buckets whose every count is known.</summary>
public sealed class WindowObservationsTests
{
    private const double Hour = WindowData.Hour;

    private static readonly string[] Detectors = ["adwin", "ddm"];

    /// <summary>x: 1..9 and one missing (missing share 0.1); c: a, b, null, a (missing share 0.25); a prediction column.</summary>
    private static readonly ReferenceProfile Profile = new(
        1,
        "test",
        10,
        [
            ReferenceProfiler.Numeric("x", [1, 2, 3, 4, 5, 6, 7, 8, 9, double.NaN], 10),
            ReferenceProfiler.Categorical("c", ["a", "b", null, "a"], null),
        ],
        ReferenceProfiler.Numeric("prediction", [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7], 10),
        null);

    /// <summary>
    /// Bucket 0: 10 events; x 8 values and 2 missing; c 9 values and 1 missing; violations x 1, c 0; "wind" in 4 events;
    /// 20 labels at accuracy 0.9; detectors have signalled 2 and 5 drifts so far.
    /// Bucket 1: 10 events; x 5 values and 5 missing; c 4 values and 6 missing; violations x 2, c 1; "wind" in 6 events and
    /// "gust" in 1; 30 labels at accuracy 0.6; detectors at 3 and 5 drifts.
    /// </summary>
    private static BucketSummary[] Window() =>
    [
        Summary(0, [1, 2, 3, 4, 5, 6, 7, 8, double.NaN, double.NaN], ["a", "a", "b", "a", "b", "a", "b", "a", "a", null], [1, 0], new Dictionary<string, long> { ["wind"] = 4 }, new BucketPerformance(20, 0.9, null, [2, 5])),
        Summary(1, [1, 2, 3, 4, 5, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN], ["a", "b", "b", "a", null, null, null, null, null, null], [2, 1], new Dictionary<string, long> { ["wind"] = 6, ["gust"] = 1 }, new BucketPerformance(30, 0.6, null, [3, 5])),
    ];

    private static BucketSummary Summary(long index, double[] x, string?[] c, long[] violations, Dictionary<string, long> newFeatures, BucketPerformance performance) =>
        WindowData.Hourly(Profile, index, WindowData.Numeric(Profile.Features[0], x), WindowData.Categorical(Profile.Features[1], c)) with
        {
            Violations = violations,
            NewFeatures = newFeatures,
            Performance = performance,
        };

    private static IReadOnlyList<AlertObservation> Observe(BucketSummary[] window, DriftSpec? drift = null, AlertSpec? alerts = null, double? bucketSeconds = Hour, bool countsSchemaChanges = false, ReferenceProfile? profile = null)
    {
        var spec = drift ?? new DriftSpec();
        profile ??= Profile;
        var settings = FeatureWindow.FromState(new FeatureWindowState(profile, window, spec, alerts ?? new AlertSpec { Metric = "accuracy", MetricThreshold = 0.8 }, bucketSeconds, Detectors, countsSchemaChanges));
        var evaluation = DriftEvaluator.Evaluate(profile, window, spec)!;
        return WindowObservations.Of(evaluation, window, window.Length > 1 ? window[^2] : null, profile, settings);
    }

    private static AlertObservation One(IReadOnlyList<AlertObservation> observations, string kind, string subject) =>
        Assert.Single(observations, o => o.Kind == kind && o.Subject == subject);

    [Fact]
    public void The_missing_rate_alert_scores_the_windows_missing_share_above_the_references()
    {
        var observations = Observe(Window());

        // x: (2 + 5) missing of 20 = 0.35, reference 1/10: excess 0.25. c: (1 + 6)/20 = 0.35, reference 1/4: excess 0.1.
        var x = One(observations, "dataQuality", "x/missingRate");
        Assert.Equal(("missingShareExcess", 0.1, false), (x.Statistic, x.Threshold, x.AlertsBelow));
        Assert.Equal(0.25, x.Score, 1e-12);
        Assert.Equal(0.1, One(observations, "dataQuality", "c/missingRate").Score, 1e-12);
    }

    [Fact]
    public void The_violation_alert_scores_the_share_of_the_windows_events_outside_the_schema()
    {
        var observations = Observe(Window());

        // x: (1 + 2) of 20 events = 0.15; c: (0 + 1)/20 = 0.05; threshold AlertSpec.ViolationShare 0.01.
        var x = One(observations, "dataQuality", "x/violations");
        Assert.Equal(("violationShare", 0.15, 0.01), (x.Statistic, x.Score, x.Threshold));
        Assert.Equal(0.05, One(observations, "dataQuality", "c/violations").Score);
    }

    [Fact]
    public void An_unknown_feature_is_a_schema_change_scored_by_the_share_of_events_that_carried_it()
    {
        var observations = Observe(Window()).Where(o => o.Kind == "schemaChange").ToList();

        // gust: 1 of 20 events; wind: (4 + 6)/20. In ordinal order of the names.
        Assert.Equal([("gust", 0.05), ("wind", 0.5)], observations.Select(o => (o.Subject, o.Score)));
        Assert.All(observations, o => Assert.Equal(("newFeatureShare", 0.01), (o.Statistic, o.Threshold)));
    }

    [Fact]
    public void Under_counted_schema_changes_a_feature_no_event_of_the_window_carries_has_vanished()
    {
        // x is missing in all 20 events of the window (reference: 1 of 10 missing); c as in Window(): 7 of 20 missing.
        var window = Window().Select(b => b with
        {
            Features = [WindowData.Numeric(Profile.Features[0], Enumerable.Repeat(double.NaN, 10)), b.Features[1]],
        }).ToArray();

        var counted = Observe(window, countsSchemaChanges: true);

        // x: missing share 20/20 = 1, at the threshold 1: bad. c: 7/20 = 0.35, not bad. Neither is a new feature.
        var x = One(counted, "schemaChange", "x/vanished");
        Assert.Equal(("missingShare", 1.0, 1.0, false), (x.Statistic, x.Score, x.Threshold, x.AlertsBelow));
        Assert.True(x.IsBad());
        var c = One(counted, "schemaChange", "c/vanished");
        Assert.Equal(0.35, c.Score, 12);
        Assert.False(c.IsBad());

        // It is also a missing rate 1 − 0.1 = 0.9 above the reference's, as before.
        Assert.Equal(0.9, One(counted, "dataQuality", "x/missingRate").Score, 12);

        // Without onSchemaChange "count" an absent feature was refused at ingestion (or is optional): no schema change.
        Assert.DoesNotContain(Observe(window), o => o.Subject.EndsWith("/vanished", StringComparison.Ordinal));
    }

    [Fact]
    public void A_feature_the_reference_never_had_does_not_vanish()
    {
        // w is missing in every reference row (missing share 1): its absence from the window is no change.
        var profile = Profile with { Features = [Profile.Features[0] with { Name = "w", Missing = 10 }, Profile.Features[1]] };
        var window = Window().Select(b => b with
        {
            Features = [WindowData.Numeric(Profile.Features[0], Enumerable.Repeat(double.NaN, 10)), b.Features[1]],
        }).ToArray();

        var observations = Observe(window, countsSchemaChanges: true, profile: profile);

        Assert.DoesNotContain(observations, o => o.Subject == "w/vanished");
        Assert.Single(observations, o => o.Subject == "c/vanished");
    }

    [Fact]
    public void Performance_is_the_accuracy_weighted_by_each_buckets_labels_and_needs_MinLabels()
    {
        var performance = One(Observe(Window()), "performance", "accuracy");

        // (20 · 0.9 + 30 · 0.6) / 50 = 36/50 = 0.72, a floor of 0.8: alerts below.
        Assert.Equal(("accuracy", 0.8, true), (performance.Statistic, performance.Threshold, performance.AlertsBelow));
        Assert.Equal(0.72, performance.Score, 1e-12);
        var fifty = new AlertSpec { Metric = "accuracy", MetricThreshold = 0.8, MinLabels = 50 };
        Assert.Single(Observe(Window(), alerts: fifty), o => o.Kind == "performance");
        Assert.DoesNotContain(Observe(Window(), alerts: fifty with { MinLabels = 51 }), o => o.Kind == "performance");
        Assert.DoesNotContain(Observe(Window(), alerts: new AlertSpec()), o => o.Kind == "performance");
    }

    [Fact]
    public void A_detectors_drifts_are_the_last_buckets_cumulative_count_less_the_previous_ones()
    {
        var observations = Observe(Window()).Where(o => o.Kind == "conceptDrift").ToList();

        // adwin: 3 − 2 = 1; ddm: 5 − 5 = 0; threshold 1 drift.
        Assert.Equal([("adwin#0", 1.0), ("ddm#1", 0.0)], observations.Select(o => (o.Subject, o.Score)));
        Assert.All(observations, o => Assert.Equal(("drifts", 1.0, false), (o.Statistic, o.Threshold, o.AlertsBelow)));
    }

    [Fact]
    public void Drift_observations_are_made_only_when_drift_alerts_are_on()
    {
        var on = Observe(Window());
        var off = Observe(Window(), new DriftSpec { Alerts = false });

        Assert.Equal(["x", "c"], on.Where(o => o.Kind == "drift").Select(o => o.Subject));
        Assert.DoesNotContain(off, o => o.Kind is "drift" or "skew" or "predictionDrift" or "labelDrift");
        Assert.Equal(on.Where(o => o.Kind != "drift").Select(o => (o.Kind, o.Subject, o.Score)), off.Select(o => (o.Kind, o.Subject, o.Score)));
    }

    [Fact]
    public void A_timed_window_stamps_its_observations_with_its_span_and_a_counted_one_with_its_last_bucket()
    {
        var timed = Observe(Window());
        var counted = Window().Select(b => b with { Start = double.NaN, End = double.NaN }).ToArray();
        var byCount = Observe(counted, new DriftSpec { WindowBuckets = 2 }, bucketSeconds: null);

        // Bucket 1 ends at 2 h and came from log entry 2.
        Assert.All(timed, o => Assert.Equal(((double?)0.0, (double?)(2 * Hour), 2L, 2 * Hour), (o.WindowStart, o.WindowEnd, o.Sequence, o.EvaluatedAt)));
        Assert.All(byCount, o => Assert.Equal(((double?)null, (double?)null, 2L, 1.0), (o.WindowStart, o.WindowEnd, o.Sequence, o.EvaluatedAt)));
        Assert.Equal(timed.Count, byCount.Count);
    }

    [Fact]
    public void Drift_observations_hold_their_key_for_a_window_length_after_it_resolves_and_the_others_for_the_policys_cooldown()
    {
        var timed = Observe(Window(), new DriftSpec { WindowSeconds = 2 * Hour });
        var counted = Observe(Window().Select(b => b with { Start = double.NaN, End = double.NaN }).ToArray(), new DriftSpec { WindowBuckets = 2 }, bucketSeconds: null);

        // Timed: the window's 7,200 s; counted: its 2 buckets (the clock such a window's observations are stamped on).
        Assert.Equal([2 * Hour, 2 * Hour], timed.Where(o => o.Kind == "drift").Select(o => o.MinCooldown));
        Assert.Equal([2.0, 2.0], counted.Where(o => o.Kind == "drift").Select(o => o.MinCooldown));
        Assert.All(timed.Where(o => o.Kind is "dataQuality" or "schemaChange" or "performance" or "conceptDrift"), o => Assert.Equal(0, o.MinCooldown));
        Assert.Contains(timed, o => o.Kind == "performance");
    }

    [Fact]
    public void A_first_bucket_has_no_baseline_for_its_detectors_cumulative_drifts()
    {
        var column = ReferenceProfiler.Numeric("x", WindowData.Normal(1, 400), 10);
        var profile = new ReferenceProfile(2, "test", 400, [column], column with { Name = "prediction" }, null);
        var bucket = WindowData.Hourly(profile, 0, WindowData.Numeric(column, WindowData.Normal(3, 50))) with { Performance = new BucketPerformance(0, null, null, [7]) };

        var verdict = new FeatureWindow().Feed(new WindowFeed(profile, [bucket], new DriftSpec { WindowSeconds = 3_600 }, new AlertSpec(), 3_600, ["adwin"])).Single();

        Assert.DoesNotContain(verdict.Observations, o => o.Kind == "conceptDrift");
    }
}
