namespace OrleansCt.Core.Sketches;

/// <summary>A <see cref="NumericHistogram"/> or <see cref="CategoricalHistogram"/> as plain numbers and arrays (a checkpoint; the owner must not mutate it).</summary>
/// <param name="IsCategorical">True for reference categories plus "unseen", false for numeric edges.</param>
/// <param name="Edges">Ascending numeric edges; empty when categorical.</param>
/// <param name="Categories">Reference categories; empty when numeric.</param>
/// <param name="Counts">Count per bin: underflow, between edges, overflow; or one per category, then unseen.</param>
/// <param name="Missing">Missing values (NaN or null) seen.</param>
public sealed record FixedHistogramState(bool IsCategorical, double[] Edges, string[] Categories, long[] Counts, long Missing);
