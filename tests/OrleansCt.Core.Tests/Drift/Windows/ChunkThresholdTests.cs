using OrleansCt.Core.Drift.Statistics;
using OrleansCt.Core.Drift.Windows;
using OrleansCt.Core.Schema;

namespace OrleansCt.Core.Tests.Drift.Windows;

/// <summary>Reference-chunk thresholds (mean + 3 std of each chunk's statistic against the whole reference), worked by hand.</summary>
public sealed class ChunkThresholdTests
{
    private static readonly ModelSchema Schema = new(new ModelDefinition
    {
        Task = ModelTask.Regression,
        Target = "t",
        Features = [new FeatureSpec { Name = "c", Type = FeatureType.Categorical }],
    });

    private static readonly DriftSpec ByJs = new()
    {
        ReferenceChunkThresholds = true,
        Features = new Dictionary<string, FeatureDriftSpec> { ["c"] = new() { Statistic = StatisticNames.JsDistance } },
    };

    [Fact]
    public void Chunks_all_a_half_all_b_half_give_mean_plus_three_std_of_their_js_distances()
    {
        // Chunks of 100: all a, half and half, all b, half and half → the whole reference is half a, half b.
        string?[] values = [.. Repeat("a", 100), .. Alternate(100), .. Repeat("b", 100), .. Alternate(100)];
        var profile = ReferenceProfiler.FromColumns(Schema, 1, "test", [], [values], null, null);

        var withThresholds = ChunkThresholds.Add(profile, [], [values], 100, ByJs);

        // Shares over (a, b, unseen): a pure chunk is at JS distance d from (½, ½, 0), a mixed one at 0.
        var d = JensenShannon.Distance([0.5, 0.5, 0], [1, 0, 0]);
        var (mean, std) = (d / 2, d / 2);
        Assert.Equal(mean + (3 * std), withThresholds.Features[0].ChunkThreshold!.Value, 12);
    }

    [Fact]
    public void The_chunk_threshold_decides_only_when_the_setting_asks_for_it()
    {
        string?[] values = [.. Repeat("a", 100), .. Alternate(100), .. Repeat("b", 100), .. Alternate(100)];
        var profile = ChunkThresholds.Add(ReferenceProfiler.FromColumns(Schema, 1, "test", [], [values], null, null), [], [values], 100, ByJs);
        var window = OrleansCt.Core.Sketches.CategoricalHistogram.FromState(profile.Features[0].Histogram).EmptyCopy();
        foreach (var v in Repeat("a", 100))
        {
            window.Add(v);
        }

        var withChunks = DriftEvaluator.Score(profile.Features[0], window, null, ByJs.Features!["c"], chunkThresholds: true)!;
        var withDefault = DriftEvaluator.Score(profile.Features[0], window, null, ByJs.Features!["c"], chunkThresholds: false)!;

        Assert.Equal(profile.Features[0].ChunkThreshold, withChunks.Threshold);
        Assert.False(withChunks.Drifted);
        Assert.Equal(DriftThresholds.JsDistance, withDefault.Threshold);
        Assert.True(withDefault.Drifted);
    }

    [Fact]
    public void Fewer_than_two_chunks_leave_no_threshold()
    {
        string?[] values = [.. Repeat("a", 150)];
        var profile = ReferenceProfiler.FromColumns(Schema, 1, "test", [], [values], null, null);

        Assert.Null(ChunkThresholds.Add(profile, [], [values], 100, ByJs).Features[0].ChunkThreshold);
    }

    [Fact]
    public void By_default_a_chunk_of_buckets_of_events_holds_a_windows_buckets_of_events()
    {
        var monitoring = new MonitoringSpec { BucketSeconds = null, BucketEvents = 50, Drift = new DriftSpec { WindowBuckets = 4 } };

        // 4 buckets × 50 events, whatever the reference's times.
        Assert.Equal(200, ChunkThresholds.DefaultRows(Enumerable.Repeat(double.NaN, 1_000).ToArray(), monitoring));
    }

    [Fact]
    public void By_default_a_chunk_of_time_buckets_holds_the_reference_rows_of_one_window_length()
    {
        var daily = new MonitoringSpec { BucketSeconds = 3_600, Drift = new DriftSpec { WindowSeconds = 86_400 } };

        // elec2's spacing: a row every 30 minutes, so a day holds 48 rows.
        Assert.Equal(48, ChunkThresholds.DefaultRows(Enumerable.Range(0, 500).Select(i => i * 1_800.0).ToArray(), daily));

        // Unevenly spaced: 4 rows over 60 s are 3 gaps of 20 s on average, so a 60 s window holds 3; an untimed row is skipped.
        var minute = daily with { Drift = new DriftSpec { WindowSeconds = 60 } };
        Assert.Equal(3, ChunkThresholds.DefaultRows([0, 10, double.NaN, 30, 60], minute));
    }

    [Fact]
    public void Without_two_distinct_times_a_chunk_of_time_buckets_is_a_tenth_of_the_reference()
    {
        var hourly = new MonitoringSpec { BucketSeconds = 3_600 };

        Assert.Equal(25, ChunkThresholds.DefaultRows(Enumerable.Repeat(double.NaN, 250).ToArray(), hourly));
        Assert.Equal(25, ChunkThresholds.DefaultRows(Enumerable.Repeat(7.0, 250).ToArray(), hourly));
        Assert.Equal(1, ChunkThresholds.DefaultRows([double.NaN, double.NaN], hourly));
    }

    private static IEnumerable<string?> Repeat(string value, int count) => Enumerable.Repeat<string?>(value, count);

    private static IEnumerable<string?> Alternate(int count) => Enumerable.Range(0, count).Select(i => (string?)(i % 2 == 0 ? "a" : "b"));
}
