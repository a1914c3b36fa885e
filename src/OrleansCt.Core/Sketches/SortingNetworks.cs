using System.Runtime.CompilerServices;

namespace OrleansCt.Core.Sketches;

/// <summary>Branch-free sorts of the few items a KLL compaction sorts (up to 32, nearly always).</summary>
internal static class SortingNetworks
{
    // Sorts 17 to 32 items in place: the first 16 and the rest (padded with +∞) through one network each, then a branch-free merge of the
    // two runs, each ended by a +∞ sentinel.
    public static void SortMerged(Span<double> items)
    {
        var count = items.Length;
        Span<double> left = stackalloc double[17];
        Span<double> right = stackalloc double[17];
        left[16] = double.PositiveInfinity;
        right.Fill(double.PositiveInfinity);
        items[..16].CopyTo(left);
        items[16..].CopyTo(right);
        Sort16(left);
        Sort16(right);
        var (i, j) = (0, 0);
        for (var at = 0; at < count; at++)
        {
            // A run once used up reads its sentinel, however far its index has gone past it (an ∞ may be taken from either side).
            var (a, b) = (left[Math.Min(i, 16)], right[Math.Min(j, 16)]);
            var fromRight = b < a;
            items[at] = double.MinNative(a, b);
            j += fromRight ? 1 : 0;
            i += fromRight ? 0 : 1;
        }
    }

    // Sorts the first 8 items: Knuth's 19-comparator network for 8 inputs (TAOCP 3, 5.3.4), checked on all 2^8 zero-one inputs.
    public static void Sort8(Span<double> v)
    {
        var (v0, v1, v2, v3, v4, v5, v6, v7) = (v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
        Order(ref v0, ref v2); Order(ref v1, ref v3); Order(ref v4, ref v6); Order(ref v5, ref v7);
        Order(ref v0, ref v4); Order(ref v1, ref v5); Order(ref v2, ref v6); Order(ref v3, ref v7);
        Order(ref v0, ref v1); Order(ref v2, ref v3); Order(ref v4, ref v5); Order(ref v6, ref v7);
        Order(ref v2, ref v4); Order(ref v3, ref v5);
        Order(ref v1, ref v4); Order(ref v3, ref v6);
        Order(ref v1, ref v2); Order(ref v3, ref v4); Order(ref v5, ref v6);
        (v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]) = (v0, v1, v2, v3, v4, v5, v6, v7);
    }

    // Sorts the first 16 items: Green's 60-comparator network for 16 inputs (TAOCP 3, 5.3.4), checked on all 2^16 zero-one inputs.
    public static void Sort16(Span<double> v)
    {
        var (v0, v1, v2, v3, v4, v5, v6, v7) = (v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
        var (v8, v9, v10, v11, v12, v13, v14, v15) = (v[8], v[9], v[10], v[11], v[12], v[13], v[14], v[15]);
        Order(ref v0, ref v13); Order(ref v1, ref v12); Order(ref v2, ref v15); Order(ref v3, ref v14); Order(ref v4, ref v8); Order(ref v5, ref v6); Order(ref v7, ref v11); Order(ref v9, ref v10);
        Order(ref v0, ref v5); Order(ref v1, ref v7); Order(ref v2, ref v9); Order(ref v3, ref v4); Order(ref v6, ref v13); Order(ref v8, ref v14); Order(ref v10, ref v15); Order(ref v11, ref v12);
        Order(ref v0, ref v1); Order(ref v2, ref v3); Order(ref v4, ref v5); Order(ref v6, ref v8); Order(ref v7, ref v9); Order(ref v10, ref v11); Order(ref v12, ref v13); Order(ref v14, ref v15);
        Order(ref v0, ref v2); Order(ref v1, ref v3); Order(ref v4, ref v10); Order(ref v5, ref v11); Order(ref v6, ref v7); Order(ref v8, ref v9); Order(ref v12, ref v14); Order(ref v13, ref v15);
        Order(ref v1, ref v2); Order(ref v3, ref v12); Order(ref v4, ref v6); Order(ref v5, ref v7); Order(ref v8, ref v10); Order(ref v9, ref v11); Order(ref v13, ref v14);
        Order(ref v1, ref v4); Order(ref v2, ref v6); Order(ref v5, ref v8); Order(ref v7, ref v10); Order(ref v9, ref v13); Order(ref v11, ref v14);
        Order(ref v2, ref v4); Order(ref v3, ref v6); Order(ref v9, ref v12); Order(ref v11, ref v13);
        Order(ref v3, ref v5); Order(ref v6, ref v8); Order(ref v7, ref v9); Order(ref v10, ref v12);
        Order(ref v3, ref v4); Order(ref v5, ref v6); Order(ref v7, ref v8); Order(ref v9, ref v10); Order(ref v11, ref v12);
        Order(ref v6, ref v7); Order(ref v8, ref v9);
        (v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]) = (v0, v1, v2, v3, v4, v5, v6, v7);
        (v[8], v[9], v[10], v[11], v[12], v[13], v[14], v[15]) = (v8, v9, v10, v11, v12, v13, v14, v15);
    }

    // One comparator: the smaller into a, the larger into b (minsd/maxsd; their NaN and signed-zero cases cannot arise here).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Order(ref double a, ref double b)
    {
        var low = double.MinNative(a, b);
        b = double.MaxNative(a, b);
        a = low;
    }
}
