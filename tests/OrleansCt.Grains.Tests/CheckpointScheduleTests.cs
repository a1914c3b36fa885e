using OrleansCt.Grains.Log;
using OrleansCt.Grains.Model;

namespace OrleansCt.Grains.Tests;

/// <summary>When a checkpoint is due, with limits of 3 entries or 5 events, counted from the entries written out in each test.</summary>
public sealed class CheckpointScheduleTests
{
    private static readonly ModelGrainOptions s_options = new() { CheckpointEntries = 3, CheckpointEvents = 5 };

    [Fact]
    public void Due_after_enough_entries_or_enough_events_and_labels_counted_again_after_a_checkpoint()
    {
        var schedule = new CheckpointSchedule(s_options);
        Assert.False(schedule.Pending);
        // A definition counts as an entry, not as events: 1 entry, 0 events.
        Assert.False(schedule.Applied(new DefinitionEntry(0, TestLog.Definition, 1)));
        Assert.True(schedule.Pending);
        // 2 entries, 2 events; then 3 entries: due.
        Assert.False(schedule.Applied(TestLog.Events(0, ["a", "b"])));
        Assert.True(schedule.Applied(TestLog.Events(0, [])));

        schedule.Taken();
        Assert.False(schedule.Pending);
        // 4 events in one entry: not yet; 4 + 1 label = 5: due at the second entry.
        Assert.False(schedule.Applied(TestLog.Events(0, ["a", "b", "c", "d"])));
        var none = TestLog.Events(0, []);
        Assert.True(schedule.Applied(new LabelsEntry(0, ["a"], [1], [LabelJoin.Unmatched], [-1], none.Batch, none.Predictions, [])));
    }
}
