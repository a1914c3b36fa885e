using OrleansCt.Core.Sketches;

namespace OrleansCt.Core.Drift.Windows;

/// <summary>
/// The reference of one column (a feature, the prediction or the label): its counts on the fixed bins, a quantile sketch
/// of its values when numeric (KS and Wasserstein), and what the automatic test choice needs.
/// </summary>
/// <param name="Distinct">Distinct non-missing values, counted up to the cap + 1.</param>
/// <param name="ChunkThreshold">The threshold from window-sized reference chunks (mean + 3 std, or mean − 3 std for a p-value), when computed.</param>
/// <param name="ChunkStatistic">The statistic <paramref name="ChunkThreshold"/> is on; null in profiles stored before it was recorded, whose
/// threshold is on the deciding statistic of that time (for a reference of at most 1,000 rows, the p-value).</param>
public sealed record ColumnReference(
    string Name,
    bool Categorical,
    FixedHistogramState Histogram,
    QuantileSketchState? Sketch,
    long Rows,
    long Missing,
    long Distinct,
    double Mean,
    double StandardDeviation,
    double? ChunkThreshold = null,
    string? ChunkStatistic = null)
{
    /// <summary>Share of the reference rows where the column is missing.</summary>
    public double MissingShare => Rows == 0 ? 0 : (double)Missing / Rows;
}
