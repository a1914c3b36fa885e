namespace OrleansCt.Core.Evidence;

/// <summary>
/// Isotonic calibration of a classifier's scores (as scikit-learn's IsotonicRegression with <c>increasing=True</c> and
/// <c>out_of_bounds="clip"</c>): on the reference's (score, label) pairs, equal scores are pooled, the pool-adjacent-violators
/// algorithm fits the non-decreasing step function closest in squared error, and a new score is calibrated by linear
/// interpolation between the fitted points, clipped to the first and last outside their range.
/// </summary>
public sealed class IsotonicCalibration
{
    private readonly double[] _x;
    private readonly double[] _y;

    private IsotonicCalibration(double[] x, double[] y) => (_x, _y) = (x, y);

    /// <summary>The fitted points: distinct scores ascending and their calibrated values (non-decreasing).</summary>
    public IReadOnlyList<(double Score, double Value)> Points => [.. _x.Zip(_y)];

    /// <param name="scores">The reference's scores (e.g. the probability of the positive class), finite.</param>
    /// <param name="labels">Per score, 1 when the event was positive, else 0 (any value in [0, 1] is a weight of positivity).</param>
    public static IsotonicCalibration Fit(IReadOnlyList<double> scores, IReadOnlyList<double> labels)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        if (scores.Count != labels.Count || scores.Count == 0)
        {
            throw new ArgumentException($"give one label per score, at least one: {scores.Count} scores, {labels.Count} labels.", nameof(labels));
        }

        if (scores.Any(s => !double.IsFinite(s)) || labels.Any(l => !double.IsFinite(l)))
        {
            throw new ArgumentException("scores and labels must be finite.", nameof(scores));
        }

        // Equal scores pooled into one point weighted by their count (their labels' mean).
        var pooled = scores.Zip(labels).GroupBy(p => p.First).OrderBy(g => g.Key)
            .Select(g => (X: g.Key, Sum: g.Sum(p => p.Second), Weight: (double)g.Count())).ToList();

        // Pool adjacent violators: blocks of (sum, weight, points) whose means must not decrease.
        var blocks = new List<(double Sum, double Weight, int Points)>();
        foreach (var (_, sum, weight) in pooled)
        {
            blocks.Add((sum, weight, 1));
            while (blocks.Count > 1 && blocks[^2].Sum / blocks[^2].Weight > blocks[^1].Sum / blocks[^1].Weight)
            {
                var (last, before) = (blocks[^1], blocks[^2]);
                blocks.RemoveAt(blocks.Count - 1);
                blocks[^1] = (before.Sum + last.Sum, before.Weight + last.Weight, before.Points + last.Points);
            }
        }

        var y = blocks.SelectMany(b => Enumerable.Repeat(b.Sum / b.Weight, b.Points)).ToArray();
        return new IsotonicCalibration([.. pooled.Select(p => p.X)], y);
    }

    /// <summary>The calibrated value of <paramref name="score"/>: interpolated between the fitted points, clipped outside them.</summary>
    public double Calibrate(double score)
    {
        if (score <= _x[0] || double.IsNaN(score))
        {
            return double.IsNaN(score) ? double.NaN : _y[0];
        }

        if (score >= _x[^1])
        {
            return _y[^1];
        }

        var i = Array.BinarySearch(_x, score);
        if (i >= 0)
        {
            return _y[i];
        }

        var upper = ~i;
        var (x0, x1, y0, y1) = (_x[upper - 1], _x[upper], _y[upper - 1], _y[upper]);
        return y0 + ((y1 - y0) * (score - x0) / (x1 - x0));
    }
}
