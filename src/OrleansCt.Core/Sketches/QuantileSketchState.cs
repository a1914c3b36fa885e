namespace OrleansCt.Core.Sketches;

/// <summary>A <see cref="QuantileSketch"/> as plain numbers and arrays (a checkpoint; the owner must not mutate it).</summary>
/// <param name="K">Accuracy parameter the sketch was made with.</param>
/// <param name="Count">Values seen.</param>
/// <param name="Min">Smallest value seen; NaN while empty.</param>
/// <param name="Max">Largest value seen; NaN while empty.</param>
/// <param name="Coin">State of the deterministic compaction coin.</param>
/// <param name="LevelSizes">Items held at each level, level 0 first; an item at level h stands for 2^h values.</param>
/// <param name="Items">The items of all levels, level 0 first, each level in its held order.</param>
/// <param name="SamplingLevel">The sampler's level s: one value of each block of 2^s enters level s; 0 (as in states written before the
/// sampler) when it is off.</param>
/// <param name="BlockPosition">Values of the current block seen so far (0 ≤ it &lt; 2^s; 0 while s = 0).</param>
/// <param name="BlockChoice">Offset in the current block of the value that enters level s (0 ≤ it &lt; 2^s; 0 while s = 0).</param>
/// <param name="Sampled">Whether the sketch has sampled, or merged one that had: its weights may then differ from Count by partial blocks.</param>
public sealed record QuantileSketchState(
    int K,
    long Count,
    double Min,
    double Max,
    long Coin,
    int[] LevelSizes,
    double[] Items,
    int SamplingLevel = 0,
    long BlockPosition = 0,
    long BlockChoice = 0,
    bool Sampled = false);
