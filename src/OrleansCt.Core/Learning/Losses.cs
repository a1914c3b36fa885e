using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace OrleansCt.Core.Learning;

/// <summary>Derivatives of the losses with respect to the margin, and the squashings that turn margins into probabilities.</summary>
internal static class Losses
{
    /// <summary>
    /// d/dm of log(1 + exp(-y m)) for y in {-1, +1}: -y / (1 + exp(y m)); beyond |y m| = 18 its asymptote, as scikit-learn
    /// computes it (the relative difference is below 2e-8), so that the two stay bit-comparable.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double LogisticDerivative(double margin, double y)
    {
        var z = y * margin;
        if (z > 18.0)
        {
            return -y * Math.Exp(-z);
        }

        return z < -18.0 ? -y : -y / (Math.Exp(z) + 1.0);
    }

    /// <summary>d/dm of max(0, 1 - y m), taking -y at the hinge point as scikit-learn does.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double HingeDerivative(double margin, double y) => y * margin <= 1.0 ? -y : 0.0;

    /// <summary>
    /// 1 / (1 + exp(−m)) for m ≥ 0, exp(m) / (1 + exp(m)) below, so that no exponential overflows; without a branch on the sign (which
    /// the processor could not predict): exp(−|m|) is the exponential either way, and the numerator is chosen by a mask.
    /// </summary>
    public static double Sigmoid(double m)
    {
        var e = Math.Exp(-Math.Abs(m));
        var positive = Vector128.GreaterThanOrEqual(Vector128.CreateScalarUnsafe(m), Vector128<double>.Zero);
        var numerator = Vector128.ConditionalSelect(positive, Vector128.CreateScalarUnsafe(1.0), Vector128.CreateScalarUnsafe(e)).ToScalar();
        return numerator / (1.0 + e);
    }

    /// <summary>Softmax in place, shifted by the largest margin so that no exponential overflows.</summary>
    public static void Softmax(Span<double> values)
    {
        var max = double.NegativeInfinity;
        foreach (var v in values)
        {
            max = Math.Max(max, v);
        }

        var sum = 0.0;
        for (var k = 0; k < values.Length; k++)
        {
            values[k] = Math.Exp(values[k] - max);
            sum += values[k];
        }

        for (var k = 0; k < values.Length; k++)
        {
            values[k] /= sum;
        }
    }
}
