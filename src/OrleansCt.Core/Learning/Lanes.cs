using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace OrleansCt.Core.Learning;

/// <summary>The vector blocks the learner works element-wise in: four doubles, each lane the scalar operation on its own operands.</summary>
internal static class Lanes
{
    public const int Width = 4;

    /// <summary>The lanes of ifTrue where mask is all ones and of ifFalse where it is zero (mask: a comparison's result), in one blend where there is one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Select(Vector256<double> mask, Vector256<double> ifTrue, Vector256<double> ifFalse) =>
        Avx.IsSupported ? Avx.BlendVariable(ifFalse, ifTrue, mask) : Vector256.ConditionalSelect(mask, ifTrue, ifFalse);

    /// <summary>All ones in the lanes whose value is finite: x − x is 0 for a finite x and NaN for an infinite or NaN one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Finite(Vector256<double> x) => Vector256.Equals(x - x, Vector256<double>.Zero);
}
