namespace OrleansCt.Core.Sketches;

/// <summary>A <see cref="QuantileSketch"/> as plain numbers and arrays (a checkpoint; the owner must not mutate it).</summary>
/// <param name="K">Accuracy parameter the sketch was made with.</param>
/// <param name="Count">Values seen.</param>
/// <param name="Min">Smallest value seen; NaN while empty.</param>
/// <param name="Max">Largest value seen; NaN while empty.</param>
/// <param name="Coin">State of the deterministic compaction coin.</param>
/// <param name="LevelSizes">Items held at each level, level 0 first; an item at level h stands for 2^h values.</param>
/// <param name="Items">The items of all levels, level 0 first, each level in its held order.</param>
public sealed record QuantileSketchState(int K, long Count, double Min, double Max, long Coin, int[] LevelSizes, double[] Items);
