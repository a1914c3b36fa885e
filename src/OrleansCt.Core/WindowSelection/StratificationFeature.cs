using OrleansCt.Core.Sketches;

namespace OrleansCt.Core.WindowSelection;

/// <summary>A numeric feature a representative window matches: its value per row (NaN missing) and its reference histogram (its fixed bins and their counts).</summary>
/// <param name="Reference">The reference column's histogram, as <c>ColumnReference.Histogram</c> holds it.</param>
public sealed record StratificationFeature(string Name, IReadOnlyList<double> Values, FixedHistogramState Reference);
