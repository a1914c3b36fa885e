using OrleansCt.Core.Sketches;

namespace OrleansCt.Core.Drift.Windows;

/// <summary>One column of a closed bucket: its counts on the reference's bins, and a quantile sketch of its values when numeric.</summary>
public sealed record SummaryColumn(FixedHistogramState Histogram, QuantileSketchState? Sketch);
