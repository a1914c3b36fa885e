using OrleansCt.Core.Events;

namespace OrleansCt.Core.Tests.Events;

/// <summary>Gathering the rows of an event-time range, checked row by row against the batches written out below.</summary>
public sealed class EventRangeRowsTests
{
    [Fact]
    public void Rows_in_the_half_open_range_are_gathered_in_order_with_their_scores_and_labels()
    {
        // Range [10, 20) with the score in column 1 (the positive class of two).
        var rows = new EventRangeRows(numeric: 1, categorical: 1, scoreIndex: 1, from: 10, to: 20);

        // Times 5 (before), 10 (the start: in), 15 (in), 20 (the end: out).
        rows.Add(
            new EventBatch { Ids = ["a", "b", "c", "d"], Times = [5, 10, 15, 20], Numeric = [[1, 2, 3, 4]], Categorical = [["p", "q", null, "s"]], Labels = [0, 1, double.NaN, 1] },
            new Predictions(2, [0.9, 0.1, 0.8, 0.2, 0.7, 0.3, 0.6, 0.4]));
        // No labels at all: its row's label is NaN.
        rows.Add(
            new EventBatch { Ids = ["e"], Times = [12], Numeric = [[7]], Categorical = [["z"]] },
            new Predictions(2, [0.5, 0.5]));
        // Another shape (two numeric features, from an older schema): nothing taken though its time is inside.
        rows.Add(
            new EventBatch { Ids = ["f"], Times = [11], Numeric = [[8], [9]], Categorical = [["y"]] },
            new Predictions(2, [0.4, 0.6]));

        // In: b (t 10, x 2, q, label 1, score 0.2), c (t 15, x 3, null, NaN, 0.3), e (t 12, x 7, z, NaN, 0.5).
        Assert.Equal(3, rows.Count);
        var (batch, scores) = rows.ToBatch();
        Assert.Equal([10.0, 15.0, 12.0], batch.Times);
        Assert.Equal([2.0, 3.0, 7.0], Assert.Single(batch.Numeric));
        Assert.Equal(new string?[] { "q", null, "z" }, Assert.Single(batch.Categorical));
        Assert.Equal(1.0, batch.Labels![0]);
        Assert.True(double.IsNaN(batch.Labels[1]) && double.IsNaN(batch.Labels[2]));
        Assert.Equal([0.2, 0.3, 0.5], scores);
        Assert.Equal(3, batch.Count);
        Assert.All(batch.Ids, id => Assert.Null(id));
    }

    [Fact]
    public void A_range_no_row_falls_in_gathers_nothing()
    {
        var rows = new EventRangeRows(numeric: 1, categorical: 0, scoreIndex: 0, from: 100, to: 200);
        rows.Add(new EventBatch { Ids = ["a", "b"], Times = [99, 200], Numeric = [[1, 2]], Categorical = [] }, new Predictions(1, [0.5, 0.6]));

        Assert.Equal(0, rows.Count);
        var (batch, scores) = rows.ToBatch();
        Assert.Empty(scores);
        Assert.Empty(Assert.Single(batch.Numeric));
    }
}
