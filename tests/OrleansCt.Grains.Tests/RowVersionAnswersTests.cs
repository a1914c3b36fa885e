using OrleansCt.Grains.Model;

namespace OrleansCt.Grains.Tests;

/// <summary>
/// Per-row versions: an entry whose rows were answered by different versions carries <c>RowVersions</c>, and every way of answering
/// from it (the fresh rows, a stored duplicate, a resent batch) takes each row's own version; without them every row reads <c>Version</c>.
/// Rows from TestLog.Events: predictions (1 − p, p), p = 0.1, 0.2, 0.3.
/// </summary>
public sealed class RowVersionAnswersTests
{
    [Fact]
    public void VersionOf_reads_the_rows_own_version_when_given_and_the_entrys_version_when_not()
    {
        var mixed = TestLog.Events(1_000, ["a", "b", "c"]) with { Version = "2", RowVersions = ["1", "1", "2"] };
        Assert.Equal(["1", "1", "2"], Enumerable.Range(0, 3).Select(mixed.VersionOf));

        // An entry logged before per-row versions (null): every row was answered by Version.
        var whole = TestLog.Events(1_000, ["a", "b", "c"]) with { Version = "7" };
        Assert.Null(whole.RowVersions);
        Assert.Equal(["7", "7", "7"], Enumerable.Range(0, 3).Select(whole.VersionOf));
    }

    [Fact]
    public void Fresh_rows_take_the_versions_of_the_rows_that_logged_them()
    {
        var answers = new EventAnswers(rows: 4, width: 2, version: "sub");
        // Rows 3 and 1 of the submission are rows 0 and 1 of the new entry, answered by "1" and "2".
        answers.FromEntry([3, 1], TestLog.Events(1_000, ["d", "b"]) with { Version = "2", RowVersions = ["1", "2"] });

        var result = answers.Stored(fresh: 2, appendedAt: 9, newer: null);

        // Rows 0 and 2 were not filled in: zeros and the submission's version.
        Assert.Equal(["sub", "2", "sub", "1"], result.Versions!);
        Assert.Equal([0, 0, 0.8, 0.2, 0, 0, 0.9, 0.1], result.Answers!.Scores);
    }

    [Fact]
    public void A_stored_duplicate_takes_the_version_of_its_position_and_an_entry_without_row_versions_its_version()
    {
        var answers = new EventAnswers(rows: 3, width: 2, version: "sub");
        var mixed = TestLog.Events(500, ["x", "y", "z"]) with { Version = "3", RowVersions = ["2", "3", "2"] };
        var old = TestLog.Events(400, ["u", "v"]) with { Version = "1" };
        answers.FromStored(0, mixed, 2);
        answers.FromStored(1, mixed, 1);
        answers.FromStored(2, old, 1);

        var result = answers.Stored(fresh: 0, appendedAt: 0, newer: null);

        Assert.Equal(["2", "3", "1"], result.Versions!);
        // Positions 2 and 1 of the mixed entry (p = 0.3, 0.2), position 1 of the old one (p = 0.2).
        Assert.Equal([0.7, 0.3, 0.8, 0.2, 0.8, 0.2], result.Answers!.Scores);
    }

    [Fact]
    public void A_resent_batch_is_answered_with_each_rows_own_version_or_the_entrys_version_for_all()
    {
        var mixed = TestLog.Events(500, ["a", "b", "c"]) with { Version = "2", RowVersions = ["1", "2", "2"] };
        Assert.Equal(["1", "2", "2"], EventAnswers.Resent(mixed, 3, newer: null).Versions!);

        var whole = TestLog.Events(500, ["a", "b", "c"]) with { Version = "2" };
        Assert.Equal(["2", "2", "2"], EventAnswers.Resent(whole, 3, newer: null).Versions!);
    }
}
