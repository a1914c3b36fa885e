using System.Collections.Concurrent;

namespace OrleansCt.Core.Sketches;

/// <summary>The capacity schedule of a KLL stack per k, and the sampling level a stack's height calls for.</summary>
internal static class QuantileSketchLevels
{
    // Below this width a compactor's halving error is no longer worth the space it saves (DataSketches' choice too).
    public const int MinLevelWidth = 8;

    // Floor levels (8 items) kept as compactors between the sampler and the levels whose capacities still shrink (docs/quantile-sketch.md).
    private const int KeptFloorLevels = 3;

    // Levels deeper than this under the top all have MinLevelWidth for any allowed k (65535 * (2/3)^28 < 1), and 3^d stays in a long.
    private const int MaxDepth = 30;

    private static readonly ConcurrentDictionary<int, (int[] Capacities, int[] MaxSizes)> Tables = new();

    // The sampling level a stack of this many levels calls for (docs/quantile-sketch.md): the floor levels beyond the kept ones.
    public static int SamplingLevel(int floorDepth, int levels) => Math.Max(0, levels - floorDepth - KeptFloorLevels);

    // The first depth under the top whose capacity is the floor of 8 items.
    public static int FloorDepth(int[] capacities) => Array.IndexOf(capacities, MinLevelWidth);

    public static int MaxSize(int k, int levels) => MaxSize(Table(k).MaxSizes, levels);

    public static int MaxSize(int[] maxSizes, int levels) =>
        levels < maxSizes.Length ? maxSizes[levels] : maxSizes[^1] + ((levels - (maxSizes.Length - 1)) * MinLevelWidth);

    // Capacities depend on k only, so they are worked out once per k (and each sketch keeps its k's row).
    public static (int[] Capacities, int[] MaxSizes) Table(int k) => Tables.GetOrAdd(k, static k =>
    {
        var capacities = new int[MaxDepth];
        for (var depth = 0; depth < MaxDepth; depth++)
        {
            long up = 1, down = 1;
            for (var i = 0; i < depth; i++)
            {
                up *= 2;
                down *= 3;
            }

            capacities[depth] = (int)Math.Max(MinLevelWidth, ((k * up) + down - 1) / down);
        }

        var maxSizes = new int[MaxDepth + 1];
        for (var levels = 1; levels <= MaxDepth; levels++)
        {
            maxSizes[levels] = maxSizes[levels - 1] + capacities[levels - 1];
        }

        return (capacities, maxSizes);
    });
}
