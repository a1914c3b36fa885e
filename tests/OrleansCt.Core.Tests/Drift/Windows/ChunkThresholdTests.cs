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
        var window = OrleansCt.Core.Sketches.FixedHistogram.FromState(profile.Features[0].Histogram).EmptyCopy();
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

    private static IEnumerable<string?> Repeat(string value, int count) => Enumerable.Repeat<string?>(value, count);

    private static IEnumerable<string?> Alternate(int count) => Enumerable.Range(0, count).Select(i => (string?)(i % 2 == 0 ? "a" : "b"));
}
