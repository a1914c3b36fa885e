using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace OrleansCt.Core.Learning;

/// <summary>Running count, mean and sum of squared deviations of several streams (Welford, 1962), stepped for all streams of a row at once.</summary>
/// <remarks>
/// The streams are padded to whole vector blocks (<see cref="Lanes"/>) and each block is stepped in the vector lanes. Every lane does the scalar step's
/// own IEEE operations (+, −, ×, ÷, √, all correctly rounded; no fused multiply-add) on the same operands in the same order, so the
/// moments are bit for bit those of <see cref="Next"/> and <see cref="Scale"/> applied one stream at a time. The count divides as a
/// double kept beside the long: exact below 2^53, so count + 1.0 is the very double (double)(count + 1) that the scalar step divides by;
/// within 2^32 of that bound (never reached by a stream, but a restored state could claim it) the scalar step is used instead.
/// </remarks>
internal sealed class RunningMoments
{
    private const long ExactCounts = (1L << 53) - (1L << 32);

    private readonly long[] _counts;
    private readonly double[] _countsAsDouble;
    private readonly double[] _means;
    private readonly double[] _m2;
    private readonly double[] _scales;

    // Per lane, all ones where the last row's fast step was not kept (it left the mean non-finite or M2 NaN) and SafeNext is due.
    private readonly double[] _rescue;

    // Rows that can still be added before some count could leave the exactly representable range.
    private long _exactRows;

    public RunningMoments(long[] counts, double[] means, double[] m2)
    {
        Length = counts.Length;
        Padded = (Length + Lanes.Width - 1) / Lanes.Width * Lanes.Width;
        _counts = Pad(counts);
        _means = Pad(means);
        _m2 = Pad(m2);
        _countsAsDouble = new double[Padded];
        _scales = new double[Padded];
        _rescue = new double[Padded];
        for (var i = 0; i < Length; i++)
        {
            _countsAsDouble[i] = counts[i];
            _scales[i] = Scale(counts[i], m2[i]);
        }

        _exactRows = ExactCounts - (Length == 0 ? 0 : counts.Max());
    }

    public int Length { get; }

    /// <summary>Length rounded up to whole vector blocks: the size of the row spans given to <see cref="Add"/>.</summary>
    public int Padded { get; }

    public long[] Counts => _counts[..Length];

    public double[] Means => _means[..Length];

    public double[] M2 => _m2[..Length];

    public double Mean(int i) => _means[i];

    /// <summary>Population standard deviation of stream i; 0 until two different values were seen.</summary>
    public double ScaleOf(int i) => _scales[i];

    /// <summary>
    /// The inputs of the raw values of streams i .. i + 3: 0 for a value that is not finite; otherwise, when standardising, (x − mean) / sd,
    /// or 0 while the stream has no spread (an unscaled deviation would dwarf the other inputs); else x itself.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<double> Standardize(int i, Vector256<double> raw, bool standardize)
    {
        var keep = Lanes.Finite(raw);
        if (!standardize)
        {
            return raw & keep;
        }

        var scale = Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_scales), (nuint)i);
        var deviation = (raw - Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_means), (nuint)i)) / scale;
        return deviation & (keep & Vector256.GreaterThan(scale, Vector256<double>.Zero));
    }

    /// <summary>Adds each finite value of a row of raw values (Padded long) to its stream.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(ReadOnlySpan<double> raw)
    {
        if (_exactRows <= 0)
        {
            for (var i = 0; i < Length; i++)
            {
                if (double.IsFinite(raw[i]))
                {
                    (_counts[i], _means[i], _m2[i]) = SoundNext(_counts[i], _means[i], _m2[i], raw[i]);
                    _countsAsDouble[i] = _counts[i];
                    _scales[i] = Scale(_counts[i], _m2[i]);
                }
            }

            return;
        }

        _exactRows--;
        ref var x = ref MemoryMarshal.GetReference(raw);
        ref var count = ref MemoryMarshal.GetArrayDataReference(_counts);
        ref var n = ref MemoryMarshal.GetArrayDataReference(_countsAsDouble);
        ref var mean = ref MemoryMarshal.GetArrayDataReference(_means);
        ref var m2 = ref MemoryMarshal.GetArrayDataReference(_m2);
        ref var scale = ref MemoryMarshal.GetArrayDataReference(_scales);
        ref var rescue = ref MemoryMarshal.GetArrayDataReference(_rescue);
        var unsound = Vector256<double>.Zero;
        for (nuint i = 0; i < (nuint)Padded; i += Lanes.Width)
        {
            var v = Vector256.LoadUnsafe(ref x, i);
            var finite = Lanes.Finite(v);
            var oldN = Vector256.LoadUnsafe(ref n, i);
            var oldMean = Vector256.LoadUnsafe(ref mean, i);
            var oldM2 = Vector256.LoadUnsafe(ref m2, i);

            // Next: n = count + 1, delta = x − mean, mean' = mean + delta / n, M2' = M2 + delta·(x − mean'); Scale: √(M2' / n) if M2' > 0.
            var newN = oldN + Vector256<double>.One;
            var delta = v - oldMean;
            var newMean = oldMean + (delta / newN);
            var newM2 = oldM2 + (delta * (v - newMean));
            var newScale = Vector256.Sqrt(newM2 / newN) & Vector256.GreaterThan(newM2, Vector256<double>.Zero);

            // A step is kept when its mean is finite and its M2 is not NaN (+∞ is a saturated M2); values beyond ±MaxValue/2 of
            // opposite signs overflow x − mean, and those lanes are stepped again below with halved differences.
            var sound = Lanes.Finite(newMean) & Vector256.Equals(newM2, newM2);
            var keep = finite & sound;
            var redo = Vector256.AndNot(finite, sound);
            redo.StoreUnsafe(ref rescue, i);
            unsound |= redo;

            Lanes.Select(keep, newN, oldN).StoreUnsafe(ref n, i);
            Lanes.Select(keep, newMean, oldMean).StoreUnsafe(ref mean, i);
            Lanes.Select(keep, newM2, oldM2).StoreUnsafe(ref m2, i);
            Lanes.Select(keep, newScale, Vector256.LoadUnsafe(ref scale, i)).StoreUnsafe(ref scale, i);

            // A true lane of the mask is all ones, that is −1 as a long.
            (Vector256.LoadUnsafe(ref count, i) - keep.AsInt64()).StoreUnsafe(ref count, i);
        }

        // One check per row: only a row with a lane that overflowed pays for the scalar rescue.
        if (!Vector256.EqualsAll(unsound.AsInt64(), Vector256<long>.Zero))
        {
            Rescue(raw);
        }
    }

    /// <summary>Steps the lanes the vector step left out with <see cref="SafeNext"/>: their mean stays finite and their M2 saturates at +∞.</summary>
    private void Rescue(ReadOnlySpan<double> raw)
    {
        for (var i = 0; i < Length; i++)
        {
            if (BitConverter.DoubleToInt64Bits(_rescue[i]) != 0)
            {
                (_counts[i], _means[i], _m2[i]) = SafeNext(_counts[i], _means[i], _m2[i], raw[i]);
                _countsAsDouble[i] = _counts[i];
                _scales[i] = Scale(_counts[i], _m2[i]);
            }
        }
    }

    /// <summary><see cref="Next"/>, or <see cref="SafeNext"/> when Next's mean is not finite or its M2 is NaN: the scalar path's rescue.</summary>
    private static (long Count, double Mean, double M2) SoundNext(long count, double mean, double m2, double x)
    {
        var next = Next(count, mean, m2, x);
        return double.IsFinite(next.Mean) && !double.IsNaN(next.M2) ? next : SafeNext(count, mean, m2, x);
    }

    /// <summary>One Welford step: the moments after adding x.</summary>
    public static (long Count, double Mean, double M2) Next(long count, double mean, double m2, double x)
    {
        var n = count + 1;
        var delta = x - mean;
        var newMean = mean + (delta / n);
        return (n, newMean, m2 + (delta * (x - newMean)));
    }

    /// <summary>
    /// <see cref="Next"/> on halved differences, which cannot overflow for finite values: the same bits as Next wherever no half is
    /// subnormal, a finite mean, and M2 saturating at +∞ (for label moments that take any finite value).
    /// </summary>
    public static (long Count, double Mean, double M2) SafeNext(long count, double mean, double m2, double x)
    {
        var n = count + 1;
        if (count == 0)
        {
            return Next(count, mean, m2, x);
        }

        var half = (x * 0.5) - (mean * 0.5);
        var newMean = mean + (half / n * 2);
        return (n, newMean, m2 + (half * ((x * 0.5) - (newMean * 0.5)) * 4));
    }

    public static double Scale(long count, double m2) => count > 0 && m2 > 0 ? Math.Sqrt(m2 / count) : 0.0;

    private T[] Pad<T>(T[] values)
    {
        var padded = new T[Padded];
        values.CopyTo(padded, 0);
        return padded;
    }
}
