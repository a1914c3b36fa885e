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

    /// <summary>True when every value is finite (neither NaN nor ±∞).</summary>
    public static bool AllFinite(ReadOnlySpan<double> values)
    {
        foreach (var v in values)
        {
            if (!double.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The softmax of margins that may hold NaN or ±∞ (an input beyond what a double holds, met by a weight), always finite and summing to 1.
    /// A NaN margin means the order of the classes is unknown, so every class gets 1/K (binary's undecided margin 0 gives its two classes
    /// 1/2 each, the same rule). Otherwise the largest margin decides: at +∞, the classes at +∞ share 1 equally (the limit of the softmax
    /// as their margins grow together) and the rest get 0; at −∞ (every margin −∞) the classes are tied, 1/K each; finite, it is the usual
    /// shifted softmax, in which a −∞ margin gets exp(−∞) = 0.
    /// </summary>
    public static void SoftmaxOfExtremes(ReadOnlySpan<double> margins, Span<double> output)
    {
        var max = double.NegativeInfinity;
        foreach (var m in margins)
        {
            if (double.IsNaN(m))
            {
                output.Fill(1.0 / output.Length);
                return;
            }

            max = Math.Max(max, m);
        }

        if (double.IsFinite(max))
        {
            margins.CopyTo(output);
            Softmax(output);
            return;
        }

        var tied = 0;
        foreach (var m in margins)
        {
            tied += m == max ? 1 : 0;
        }

        for (var k = 0; k < output.Length; k++)
        {
            output[k] = margins[k] == max ? 1.0 / tied : 0.0;
        }
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
