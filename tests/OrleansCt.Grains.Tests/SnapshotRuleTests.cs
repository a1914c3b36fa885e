using OrleansCt.Abstractions.Models;
using OrleansCt.Grains.Model;

namespace OrleansCt.Grains.Tests;

/// <summary>When a snapshot is due, against a last one published at 50 updates and event time 1,000 (every 100 updates or 60 s).</summary>
public sealed class SnapshotRuleTests
{
    private static readonly ModelGrainOptions s_options = new() { SnapshotUpdates = 100, SnapshotEventSeconds = 60 };
    private static readonly ModelState s_published = new() { SnapshotUpdates = 50, SnapshotEventTime = 1_000 };
    private static readonly ModelSnapshot s_current = new("m", 1, TestLog.Definition, "1", 3, "d", null!);

    [Fact]
    public void Due_without_a_snapshot_or_after_a_definition_change()
    {
        Assert.True(SnapshotRule.IsDue(null, 1, 50, 1_000, s_published, s_options));
        Assert.True(SnapshotRule.IsDue(s_current, 2, 50, 1_000, s_published, s_options));
        Assert.False(SnapshotRule.IsDue(s_current, 1, 50, 1_000, s_published, s_options));
    }

    [Fact]
    public void Due_after_enough_updates_or_enough_event_time_with_learning()
    {
        // 149 − 50 = 99 < 100 updates; 150 − 50 = 100.
        Assert.False(SnapshotRule.IsDue(s_current, 1, 149, 1_000, s_published, s_options));
        Assert.True(SnapshotRule.IsDue(s_current, 1, 150, 1_000, s_published, s_options));
        // One update since: 1,059.9 − 1,000 < 60 s; 1,060 − 1,000 = 60 s.
        Assert.False(SnapshotRule.IsDue(s_current, 1, 51, 1_059.9, s_published, s_options));
        Assert.True(SnapshotRule.IsDue(s_current, 1, 51, 1_060, s_published, s_options));
        // No update since: however much event time passed, the weights are the published ones.
        Assert.False(SnapshotRule.IsDue(s_current, 1, 50, 9_000, s_published, s_options));
        // Without an event-time period, only updates count.
        Assert.False(SnapshotRule.IsDue(s_current, 1, 51, 9_000, s_published, new ModelGrainOptions { SnapshotUpdates = 100 }));
    }

    [Fact]
    public void Publishing_records_what_the_next_decision_counts_from()
    {
        var state = new ModelState();
        SnapshotRule.Published(state, s_current, 150, 1_060);
        Assert.Equal((3L, 150L, 1_060.0), (state.SnapshotSequence, state.SnapshotUpdates, state.SnapshotEventTime));
    }
}
