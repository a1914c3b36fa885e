namespace OrleansCt.Core.Sketches;

/// <summary>A <see cref="CategoricalSketch"/> as plain numbers and arrays, categories in ascending ordinal order.</summary>
/// <param name="Cap">Most categories counted by name.</param>
/// <param name="Names">Categories counted by name, ascending ordinal, distinct.</param>
/// <param name="Counts">Count of each name, all positive.</param>
/// <param name="Other">Values counted in the "other" bucket.</param>
/// <param name="Missing">Null values seen.</param>
public sealed record CategoricalSketchState(int Cap, string[] Names, long[] Counts, long Other, long Missing);
