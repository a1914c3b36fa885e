using OrleansCt.Core.Events;
using OrleansCt.Core.Registry;
using OrleansCt.Core.Schema;
using OrleansCt.Grains.Log;
using OrleansCt.Grains.Model;
using OrleansCt.Grains.Training;
using OrleansCt.Training.Rows;

namespace OrleansCt.Grains.Tests.Training;

/// <summary>
/// Point-in-time training rows gathered from log entries. Every entry here is written out: an event with id "a" has x = 1,
/// c = "ka" and was served (0.9, 0.1); "b" x = 2, c = "kb", (0.8, 0.2); and so on by letter. Expected rows and digests are
/// built by hand from those values, not by the collector.
/// </summary>
public sealed class LabelledRowsCollectorTests
{
    private static readonly ModelSchema s_schema = new(TestLog.Definition);

    [Fact]
    public void Backfilled_and_joined_labels_become_rows_in_log_order_with_the_predictions_served_and_their_sequences()
    {
        var collector = new LabelledRowsCollector(s_schema, position: 10, maxRows: 100);
        collector.Add(1, new DefinitionEntry(0, TestLog.Definition, 1));
        // Backfill: a and c labelled, b not (NaN).
        collector.Add(2, Events(["a", "b", "c"], [10, 11, 12], [1, double.NaN, 0]));
        collector.Add(3, Events(["d", "e"], [20, 21], labels: null));
        // Labels for e (row 0 of Joined), an unknown id, and b (row 1 of Joined).
        collector.Add(4, Labels(["e", "zz", "b"], [1, 0, 0], [3, LabelJoin.Unmatched, 2], [0, -1, 1], Events(["e", "b"], [21, 11], null)));

        var result = collector.Build();

        Assert.Equal(["a", "c", "e", "b"], result.Rows.Ids);
        Assert.Equal([10.0, 12, 21, 11], result.Rows.Times);
        Assert.Equal([1.0, 3, 5, 2], result.Rows.Numeric[0]);
        Assert.Equal(["ka", "kc", "ke", "kb"], result.Rows.Categorical[0]);
        Assert.Equal([1.0, 0, 1, 0], result.Rows.Labels);
        Assert.Equal(2, result.Served.Width);
        Assert.Equal([0.9, 0.1, 0.7, 0.3, 0.5, 0.5, 0.8, 0.2], result.Served.Scores);
        Assert.Equal([2L, 2, 4, 4], result.Sequences);
        Assert.Equal((4L, 0L, 1L, 0L), (result.Seen, result.Skipped, result.Unjoined, result.Dropped));
        var expected = TrainingRows.From(s_schema, Batch(["a", "c", "e", "b"], [10, 12, 21, 11], [1, 3, 5, 2], [1, 0, 1, 0]));
        // Times 10..21, from the events entry 2 to the labels entry 4.
        Assert.Equal(new TrainingWindow(10, 21, 2, 4, 4, expected.Digest), result.Window);
    }

    [Fact]
    public void A_label_logged_after_the_position_is_not_in_the_rows()
    {
        var collector = new LabelledRowsCollector(s_schema, position: 2, maxRows: 100);
        Assert.True(collector.Add(1, Events(["a", "b"], [10, 11], [1, double.NaN])));
        Assert.True(collector.Add(2, Events(["c"], [12], [0])));
        // b's label arrived at sequence 3, after the training position 2.
        Assert.False(collector.Add(3, Labels(["b"], [0], [1], [0], Events(["b"], [11], null))));

        var result = collector.Build();

        Assert.Equal(["a", "c"], result.Rows.Ids);
        var withoutLate = TrainingRows.From(s_schema, Batch(["a", "c"], [10, 12], [1, 3], [1, 0]));
        var withLate = TrainingRows.From(s_schema, Batch(["a", "c", "b"], [10, 12, 11], [1, 3, 2], [1, 0, 0]));
        Assert.Equal(withoutLate.Digest, result.Rows.Digest);
        Assert.NotEqual(withLate.Digest, result.Rows.Digest);
        Assert.Equal(new TrainingWindow(10, 12, 1, 2, 2, withoutLate.Digest), result.Window);
        Assert.Equal(2, result.Seen);
    }

    [Fact]
    public void Only_the_newest_max_rows_are_kept_in_log_order()
    {
        var collector = new LabelledRowsCollector(s_schema, position: 10, maxRows: 3);
        collector.Add(1, Events(["a", "b"], [1, 2], [0, 1]));
        collector.Add(2, Events(["c", "d"], [3, 4], [1, 1]));
        collector.Add(3, Events(["e"], [5], [0]));

        // a, b, c, d, e: the newest three are c, d (sequence 2) and e (3).
        var three = collector.Build();
        Assert.Equal(["c", "d", "e"], three.Rows.Ids);
        Assert.Equal([0.7, 0.3, 0.6, 0.4, 0.5, 0.5], three.Served.Scores);
        Assert.Equal([2L, 2, 3], three.Sequences);
        Assert.Equal((5L, 2L), (three.Seen, three.Dropped));
        var expected = TrainingRows.From(s_schema, Batch(["c", "d", "e"], [3, 4, 5], [3, 4, 5], [1, 1, 0]));
        Assert.Equal(new TrainingWindow(3, 5, 2, 3, 3, expected.Digest), three.Window);

        // One entry of four labelled rows: its newest three are all that is kept.
        collector.Add(4, Events(["f", "g", "h", "i"], [6, 7, 8, 9], [1, 0, 1, 0]));
        var newest = collector.Build();
        Assert.Equal(["g", "h", "i"], newest.Rows.Ids);
        Assert.Equal([4L, 4, 4], newest.Sequences);
        Assert.Equal((9L, 6L), (newest.Seen, newest.Dropped));
        Assert.Equal((7.0, 9.0, 4L, 4L), (newest.Window!.FromTime, newest.Window.ToTime, newest.Window.FromSequence, newest.Window.ToSequence));
    }

    [Fact]
    public void Labels_that_joined_no_event_are_no_rows_and_no_rows_say_so()
    {
        var collector = new LabelledRowsCollector(s_schema, position: 10, maxRows: 100);
        var nothingJoined = new EventBatch { Ids = [], Times = [], Numeric = [[]], Categorical = [[]] };
        // One label for an id never logged, one for an id labelled before (a duplicate): neither joined a row.
        collector.Add(1, new LabelsEntry(0, ["zz", "a"], [1, 0], [LabelJoin.Unmatched, LabelJoin.Duplicate], [-1, -1], nothingJoined, new Predictions(2, []), []));

        var result = collector.Build();

        Assert.True(result.IsEmpty);
        Assert.Equal(0, result.Rows.Count);
        Assert.Empty(result.Served.Scores);
        Assert.Empty(result.Sequences);
        Assert.Null(result.Window);
        Assert.Equal((0L, 0L, 2L), (result.Seen, result.Skipped, result.Unjoined));
    }

    [Fact]
    public void Rows_of_another_shape_or_with_a_label_the_schema_does_not_allow_are_skipped_and_counted()
    {
        var collector = new LabelledRowsCollector(s_schema, position: 10, maxRows: 100);
        // Logged under an older definition with two numeric features.
        var older = Events(["a", "b"], [1, 2], [1, 0]);
        collector.Add(1, older with { Batch = older.Batch with { Numeric = [[1, 2], [5, 6]] } });
        // Served by a three-class definition: three numbers per row.
        var threeClasses = Events(["c"], [3], [1]);
        collector.Add(2, threeClasses with { Predictions = new Predictions(3, [0.2, 0.3, 0.5]) });
        // Class 2 of a binary model (an older definition had more classes); d is fine.
        collector.Add(3, Events(["d", "e"], [4, 5], [1, 2]));

        var result = collector.Build();

        Assert.Equal(["d"], result.Rows.Ids);
        Assert.Equal((5L, 4L, 0L), (result.Seen, result.Skipped, result.Dropped));
        Assert.Equal(new TrainingWindow(4, 4, 3, 3, 1, TrainingRows.From(s_schema, Batch(["d"], [4], [4], [1])).Digest), result.Window);
    }

    [Fact]
    public void The_window_spans_the_rows_event_times_and_only_the_sequences_they_came_from()
    {
        var collector = new LabelledRowsCollector(s_schema, position: 10, maxRows: 100);
        collector.Add(1, new DefinitionEntry(0, TestLog.Definition, 1));
        collector.Add(2, Events(["a"], [1], labels: null));
        // Out of event-time order: 30 before 5.
        collector.Add(3, Events(["b", "c"], [30, 5], [0, 1]));
        collector.Add(4, new ReferenceEntry(0, []));
        collector.Add(6, Labels(["d"], [1], [5], [0], Events(["d"], [12], null)));
        collector.Add(7, Events(["e"], [40], labels: null));

        var result = collector.Build();

        // Times 5..30 (c and b); rows from sequences 3 and 6 — not 1, 2, 4 or 7, which gave none.
        var expected = TrainingRows.From(s_schema, Batch(["b", "c", "d"], [30, 5, 12], [2, 3, 4], [0, 1, 1]));
        Assert.Equal(new TrainingWindow(5, 30, 3, 6, 3, expected.Digest), result.Window);
        Assert.Equal([3L, 3, 6], result.Sequences);
    }

    [Fact]
    public void Entries_out_of_sequence_order_are_refused()
    {
        var collector = new LabelledRowsCollector(s_schema, position: 10, maxRows: 100);
        collector.Add(2, Events(["a"], [1], [1]));

        var error = Assert.Throws<ArgumentException>(() => collector.Add(2, Events(["b"], [2], [1])));
        Assert.Contains("2 came after 2", error.Message);
    }

    /// <summary>x and the served probability follow the id's letter (a: x = 1, p = 0.1), c = "k" + id.</summary>
    private static EventsEntry Events(string[] ids, double[] times, double[]? labels) => new(
        0,
        new EventBatch
        {
            Ids = ids,
            Times = times,
            Numeric = [[.. ids.Select(Letter)]],
            Categorical = [[.. ids.Select(id => "k" + id)]],
            Labels = labels,
        },
        new Predictions(2, [.. ids.SelectMany(id => new[] { 1 - (Letter(id) / 10.0), Letter(id) / 10.0 })]),
        "1",
        0,
        "d");

    private static LabelsEntry Labels(string[] ids, double[] labels, long[] eventSequences, int[] eventRows, EventsEntry joined) =>
        new(0, ids, labels, eventSequences, eventRows, joined.Batch with { Labels = null }, joined.Predictions, [.. joined.Batch.Ids.Select(_ => 0L)]);

    private static double Letter(string id) => id[0] - 'a' + 1;

    private static EventBatch Batch(string[] ids, double[] times, double[] x, double[] labels) => new()
    {
        Ids = ids,
        Times = times,
        Numeric = [x],
        Categorical = [[.. ids.Select(id => "k" + id)]],
        Labels = labels,
    };
}
