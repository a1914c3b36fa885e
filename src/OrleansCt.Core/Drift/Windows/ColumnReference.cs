using OrleansCt.Core.Sketches;

namespace OrleansCt.Core.Drift.Windows;

/// <summary>
/// The reference of one column (a feature, the prediction or the label): its counts on the fixed bins, a quantile sketch
/// of its values when numeric (KS and Wasserstein), and what the automatic test choice needs.
/// </summary>
/// <param name="Distinct">Distinct non-missing values, counted up to the cap + 1.</param>
/// <param name="ChunkThreshold">The threshold from window-sized reference chunks (mean + 3 std, or mean − 3 std for a p-value), when computed.</param>
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
    double? ChunkThreshold = null)
{
    /// <summary>Share of the reference rows where the column is missing.</summary>
    public double MissingShare => Rows == 0 ? 0 : (double)Missing / Rows;
}
