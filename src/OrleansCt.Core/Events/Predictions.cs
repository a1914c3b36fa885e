namespace OrleansCt.Core.Events;

/// <summary>Predictions for a batch, row-major: Width numbers per row (class probabilities, or one value).</summary>
public sealed record Predictions(int Width, double[] Scores)
{
    public int Count => Width == 0 ? 0 : Scores.Length / Width;

    public ReadOnlySpan<double> Row(int row) => Scores.AsSpan(row * Width, Width);

    /// <summary>The most probable class of a row (classification).</summary>
    public int ArgMax(int row)
    {
        var scores = Row(row);
        var best = 0;
        for (var k = 1; k < scores.Length; k++)
        {
            if (scores[k] > scores[best])
            {
                best = k;
            }
        }

        return best;
    }
}
