using OrleansCt.Core.Events;

namespace OrleansCt.Core.Tests.Events;

public sealed class BatchRowsTests
{
    [Fact]
    public void Selecting_rows_keeps_every_column_aligned()
    {
        var batch = new EventBatch
        {
            Ids = ["a", "b", "c"], Times = [1, 2, 3], Numeric = [[10, 20, 30]], Categorical = [["x", null, "z"]], Labels = [0, 1, double.NaN],
        };
        var picked = batch.Select([2, 0]);
        Assert.Equal(["c", "a"], picked.Ids);
        Assert.Equal([3.0, 1.0], picked.Times);
        Assert.Equal([30.0, 10.0], picked.Numeric[0]);
        Assert.Equal(new string?[] { "z", "x" }, picked.Categorical[0]);
        Assert.True(double.IsNaN(picked.Labels![0]));

        var predictions = new Predictions(2, [0.1, 0.9, 0.2, 0.8, 0.7, 0.3]).Select([2, 1]);
        Assert.Equal([0.7, 0.3, 0.2, 0.8], predictions.Scores);
        Assert.Equal(0, predictions.ArgMax(0));
    }
}
