using OrleansCt.Abstractions.Models;
using OrleansCt.Grains.Model;

namespace OrleansCt.Grains.Tests;

/// <summary>Assembling an events answer from the entries that hold its rows; rows from TestLog.Events: predictions (1 − p, p), p = 0.1, 0.2, ….</summary>
public sealed class EventAnswersTests
{
    [Fact]
    public void Fresh_rows_come_from_the_new_entry_and_duplicates_from_the_entries_that_logged_them()
    {
        var answers = new EventAnswers(rows: 4, width: 2, version: "sub");
        // Rows 0 and 2 were fresh: rows 0 and 1 of the new entry, (0.9, 0.1) and (0.8, 0.2), version "1".
        answers.FromEntry([0, 2], TestLog.Events(1_000, ["a", "c"]) with { Version = "new" });
        // Row 3 was logged before at position 1 of an entry: (0.8, 0.2), version "old".
        var stored = TestLog.Events(500, ["x", "d"]) with { Version = "old" };
        answers.FromStored(3, stored, 1);
        // Row 1 is located at position 5 of an entry of 2 rows (a collision, or an entry that changed): it keeps zeros and "sub".
        answers.FromStored(1, stored, 5);

        var result = answers.Stored(fresh: 2, appendedAt: 7, newer: null);

        Assert.Equal([0.9, 0.1, 0, 0, 0.8, 0.2, 0.8, 0.2], result.Answers!.Scores);
        Assert.Equal(["new", "sub", "new", "old"], result.Versions!);
        // 2 stored, 4 − 2 = 2 duplicates, logged at 7.
        Assert.Equal((AppendStatus.Stored, 2, 2, 7L), (result.Status, result.Stored, result.Duplicates, result.Sequence));
    }

    [Fact]
    public void The_answer_waits_for_the_appended_entry_and_each_entry_its_duplicates_came_from_once()
    {
        // Rows 0 and 2 duplicates, both logged at 4 (positions 0 and 1); row 1 duplicate of 2; nothing was appended.
        (long, int)[] located = [(4, 0), (2, 0), (4, 1)];
        Assert.Equal([2L, 4L], EventAnswers.Sources(0, [0, 1, 2], located).Order());
        // Row 1 appended at 9, row 0 duplicate of 4.
        Assert.Equal([4L, 9L], EventAnswers.Sources(9, [0], located).Order());
    }

    [Fact]
    public void A_resent_batch_is_answered_whole_from_its_entry_and_a_newer_snapshot_only_when_past_the_callers()
    {
        var stored = TestLog.Events(500, ["a", "b"]) with { Version = "old" };
        var result = EventAnswers.Resent(stored, 2, newer: null);
        Assert.Same(stored.Predictions, result.Answers);
        Assert.Equal(["old", "old"], result.Versions!);
        Assert.Equal((0, 2, 0L), (result.Stored, result.Duplicates, result.Sequence));

        var current = new ModelSnapshot("m", 1, TestLog.Definition, "1", 10, "d", null!);
        Assert.Same(current, EventAnswers.Newer(current, 9));
        Assert.Null(EventAnswers.Newer(current, 10));
        Assert.Null(EventAnswers.Newer(null, 0));
    }
}
