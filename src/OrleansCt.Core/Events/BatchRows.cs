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
