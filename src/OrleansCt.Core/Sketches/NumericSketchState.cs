namespace OrleansCt.Core.Sketches;

/// <summary>A <see cref="NumericSketch"/> as plain numbers and arrays: the moments, then the quantile sketch's parts (it shares Count, Min and Max with them).</summary>
/// <param name="Missing">NaN values seen.</param>
/// <param name="Count">Non-missing values seen.</param>
/// <param name="Mean">Their mean; NaN while Count is 0.</param>
/// <param name="M2">Their sum of squared deviations.</param>
/// <param name="Min">Smallest value; NaN while Count is 0.</param>
/// <param name="Max">Largest value; NaN while Count is 0.</param>
/// <param name="K">The quantile sketch's accuracy parameter.</param>
/// <param name="Coin">The quantile sketch's coin state.</param>
/// <param name="LevelSizes">The quantile sketch's items per level.</param>
/// <param name="Items">The quantile sketch's items, level 0 first.</param>
/// <param name="SamplingLevel">The quantile sketch's sampling level (0, as in states written before the sampler, when it is off).</param>
/// <param name="BlockPosition">Values of the quantile sketch's current sampling block seen so far.</param>
/// <param name="BlockChoice">Offset in that block of the value that enters the sampling level.</param>
/// <param name="Sampled">Whether the quantile sketch has sampled, or merged one that had.</param>
public sealed record NumericSketchState(
    long Missing,
    long Count,
    double Mean,
    double M2,
    double Min,
    double Max,
    int K,
    long Coin,
    int[] LevelSizes,
    double[] Items,
    int SamplingLevel = 0,
    long BlockPosition = 0,
    long BlockChoice = 0,
    bool Sampled = false);
