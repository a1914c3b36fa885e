using System.Runtime.CompilerServices;

namespace OrleansCt.Core.Sketches;

/// <summary>Where a value falls among sorted bin edges: the number of edges at or below it (underflow 0, overflow the edge count).</summary>
public static class BinEdges
{
    /// <summary>A binary search over <paramref name="edges"/> (ascending); <paramref name="x"/> must not be NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int CountAtOrBelow(ReadOnlySpan<double> edges, double x)
    {
        var (lo, hi) = (0, edges.Length);
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (edges[mid] <= x)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
