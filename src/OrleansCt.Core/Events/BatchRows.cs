namespace OrleansCt.Core.Events;

/// <summary>Picks rows out of columnar batches and predictions.</summary>
public static class BatchRows
{
    public static EventBatch Select(this EventBatch batch, int[] rows) => new()
    {
        Ids = Pick(batch.Ids, rows),
        Times = Pick(batch.Times, rows),
        Numeric = batch.Numeric.Select(column => Pick(column, rows)).ToArray(),
        Categorical = batch.Categorical.Select(column => Pick(column, rows)).ToArray(),
        Labels = batch.Labels is null ? null : Pick(batch.Labels, rows),
    };

    public static Predictions Select(this Predictions predictions, int[] rows)
    {
        var width = predictions.Width;
        var scores = new double[rows.Length * width];
        for (var i = 0; i < rows.Length; i++)
        {
            predictions.Row(rows[i]).CopyTo(scores.AsSpan(i * width, width));
        }

        return new Predictions(width, scores);
    }

    /// <summary>Gathers rows of several batches (of one schema) into one batch, in the order given.</summary>
    public static EventBatch Gather(IReadOnlyList<(EventBatch Batch, int Row)> rows, int numeric, int categorical) => new()
    {
        Ids = rows.Select(r => r.Batch.Ids[r.Row]).ToArray(),
        Times = rows.Select(r => r.Batch.Times[r.Row]).ToArray(),
        Numeric = Enumerable.Range(0, numeric).Select(f => rows.Select(r => r.Batch.Numeric[f][r.Row]).ToArray()).ToArray(),
        Categorical = Enumerable.Range(0, categorical).Select(f => rows.Select(r => r.Batch.Categorical[f][r.Row]).ToArray()).ToArray(),
    };

    /// <summary>Gathers prediction rows of several batches into one, in the order given.</summary>
    public static Predictions Gather(IReadOnlyList<(Predictions Predictions, int Row)> rows, int width)
    {
        var scores = new double[rows.Count * width];
        for (var i = 0; i < rows.Count; i++)
        {
            rows[i].Predictions.Row(rows[i].Row).CopyTo(scores.AsSpan(i * width, width));
        }

        return new Predictions(width, scores);
    }

    private static T[] Pick<T>(T[] column, int[] rows)
    {
        var picked = new T[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            picked[i] = column[rows[i]];
        }

        return picked;
    }
}
