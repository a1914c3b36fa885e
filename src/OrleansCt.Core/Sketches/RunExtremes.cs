using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace OrleansCt.Core.Sketches;

/// <summary>Min and Max of a run of values up to its first NaN, for the sketch's bulk adds.</summary>
internal static class RunExtremes
{
    // Min and Max over the values before the first NaN, whose number it returns: as the single adds' x < Min and x >= Max on the folded
    // values, because with no NaN the extremes are the same numbers in any order, and only a zero extreme can differ (in sign), which is
    // folded at the end. min and max come in as the sketch's (Count > 0).
    public static int Scan(ReadOnlySpan<double> run, ref double min, ref double max)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated && run.Length >= 2 * Vector256<double>.Count)
        {
            var (low, high) = (Vector256.Create(min), Vector256.Create(max));
            ref var first = ref MemoryMarshal.GetReference(run);
            for (; i <= run.Length - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var v = Vector256.LoadUnsafe(ref first, (nuint)i);
                if (!Vector256.EqualsAll(v, v))
                {
                    // A NaN in these four: the scalar loop below stops at it.
                    break;
                }

                low = Vector256.MinNative(low, v);
                high = Vector256.MaxNative(high, v);
            }

            for (var j = 0; j < Vector256<double>.Count; j++)
            {
                min = double.MinNative(min, low[j]);
                max = double.MaxNative(max, high[j]);
            }
        }

        for (; i < run.Length; i++)
        {
            var x = run[i];
            if (double.IsNaN(x))
            {
                break;
            }

            min = double.MinNative(min, x);
            max = double.MaxNative(max, x);
        }

        (min, max) = (min == 0 ? 0 : min, max == 0 ? 0 : max);
        return i;
    }
}
