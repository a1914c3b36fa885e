using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace OrleansCt.Core.Sketches;

/// <summary>Count, mean, sum of squared deviations (Welford, 1962), min and max of a stream; merged by Chan, Golub and LeVeque's pairwise formula.</summary>
public sealed class Moments
{
    public long Count { get; private set; }

    /// <summary>NaN while empty.</summary>
    public double Mean { get; private set; } = double.NaN;

    /// <summary>Sum of squared deviations from the mean.</summary>
    public double M2 { get; private set; }

    /// <summary>NaN while empty.</summary>
    public double Min { get; private set; } = double.NaN;

    /// <summary>NaN while empty.</summary>
    public double Max { get; private set; } = double.NaN;

    /// <summary>Population variance (divides by n, ddof 0); NaN while empty.</summary>
    public double Variance => Count > 0 ? M2 / Count : double.NaN;

    /// <summary>Sample variance (divides by n - 1); NaN below two values.</summary>
    public double SampleVariance => Count > 1 ? M2 / (Count - 1) : double.NaN;

    /// <summary>Population standard deviation; NaN while empty.</summary>
    public double Std => Math.Sqrt(Variance);

    /// <summary>Adds one value. NaN is refused because it is a missing value, which the caller counts apart; infinities follow IEEE arithmetic.</summary>
    public void Add(double x)
    {
        if (double.IsNaN(x))
        {
            ThrowNaN(nameof(x));
        }

        var before = Open();
        var sums = before;
        Step(x, ref sums.Count, ref sums.Mean, ref sums.M2, ref sums.Min, ref sums.Max);
        Rescue(ref sums, before, new ReadOnlySpan<double>(in x));
        Close(sums);
    }

    /// <summary>
    /// Adds values in order: bit for bit what <see cref="Add(double)"/> on each in turn gives (the same Welford steps), with the running sums
    /// kept in registers for the whole span. NaN is refused as by <see cref="Add(double)"/>: the values before it are added, then it throws.
    /// </summary>
    public void Add(ReadOnlySpan<double> values)
    {
        var before = Open();
        var (count, mean, m2, min, max) = (Count, Mean, M2, Min, Max);
        var added = 0;
        foreach (var x in values)
        {
            if (double.IsNaN(x))
            {
                break;
            }

            Step(x, ref count, ref mean, ref m2, ref min, ref max);
            added++;
        }

        var sums = new Sums { Count = count, Mean = mean, M2 = m2, Min = min, Max = max };
        Rescue(ref sums, before, values[..added]);
        Close(sums);
        if (added < values.Length)
        {
            ThrowNaN(nameof(values));
        }
    }

    // The running sums as a value, for NumericSketch's column path (QuantileSketch.AddColumn steps them along with its own adds).
    internal Sums Open() => new() { Count = Count, Mean = Mean, M2 = M2, Min = Min, Max = Max };

    internal void Close(in Sums sums) => (Count, Mean, M2, Min, Max) = (sums.Count, sums.Mean, sums.M2, sums.Min, sums.Max);

    /// <summary>Folds <paramref name="other"/> into this one, as if its values had been added here (exact for Count, Min and Max; Mean and M2 up to rounding).</summary>
    public void Merge(Moments other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Count == 0)
        {
            return;
        }

        if (Count == 0)
        {
            // Copying keeps a merge with an empty side bit-identical to the other side.
            (Count, Mean, M2, Min, Max) = (other.Count, other.Mean, other.M2, other.Min, other.Max);
            return;
        }

        var n = Count + other.Count;
        var delta = other.Mean - Mean;
        var weight = (double)other.Count / n;
        var merged = new Sums
        {
            Count = n,
            Mean = Mean + (delta * weight),
            M2 = M2 + (other.M2 + (delta * delta * Count * weight)),
            Min = Math.Min(Min, other.Min),
            Max = Math.Max(Max, other.Max),
        };
        if (!Sound(merged))
        {
            // Means beyond ±MaxValue/2 of opposite signs: the difference overflows, its half does not (M2 saturates at +∞ instead of NaN).
            // The half's share is added twice rather than doubled: half·weight·2 overflows again when weight > 1/2, while each partial
            // sum lies between the two means.
            var half = (other.Mean * 0.5) - (Mean * 0.5);
            var share = half * weight;
            merged.Mean = Mean + share + share;
            merged.M2 = M2 + (other.M2 + (half * half * Count * weight * 4));
        }

        Close(merged);
    }

    public MomentsState ToState() => new(Count, Mean, M2, Min, Max);

    /// <summary>Restores a state made by <see cref="ToState"/>; throws an <see cref="ArgumentException"/> naming the first field that cannot be right.</summary>
    public static Moments FromState(MomentsState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        Check(state.Count, state.Mean, state.M2, state.Min, state.Max, nameof(state));
        return new Moments { Count = state.Count, Mean = state.Mean, M2 = state.M2, Min = state.Min, Max = state.Max };
    }

    [DoesNotReturn]
    private static void ThrowNaN(string parameter) =>
        throw new ArgumentException("NaN is a missing value, not a value; count it as missing (NumericSketch does) instead of adding it to Moments.", parameter);

    internal static void Check(long count, double mean, double m2, double min, double max, string parameter)
    {
        string? problem = null;
        if (count < 0)
        {
            problem = $"Count is {count}, which is negative";
        }
        else if (count == 0 && !(double.IsNaN(mean) && m2 == 0 && double.IsNaN(min) && double.IsNaN(max)))
        {
            problem = "Count is 0, so Mean, Min and Max must be NaN and M2 must be 0";
        }
        else if (count > 0 && (double.IsNaN(min) || double.IsNaN(max) || min > max))
        {
            problem = $"Min {min} and Max {max} do not form a range";
        }
        else if (count > 0 && double.IsFinite(min) && double.IsFinite(max) && !(double.IsFinite(mean) && m2 >= 0 && (double.IsFinite(m2) || MayOverflow(count, min, max))))
        {
            // Not "Min <= Mean <= Max": rounding may put a running mean an ulp outside the range. M2 is at most n·(max − min)²/4, so
            // it may have saturated at +∞ only when that bound passes double.MaxValue (the factor 4 is left as a margin).
            problem = $"Mean {mean} must be finite and M2 {m2} finite (or +∞ when the range allows it) and not negative when Min and Max are finite";
        }

        if (problem is not null)
        {
            throw new ArgumentException($"Moments state is not valid: {problem}; restore a state made by ToState, or start an empty sketch.", parameter);
        }
    }

    /// <summary>Whether M2 of count values in [min, max] may be beyond double.MaxValue (and so saturated at +∞).</summary>
    internal static bool MayOverflow(long count, double min, double max) => (max - min) * (max - min) * count > double.MaxValue;

    /// <summary>
    /// Whether sums are what the Welford step gives on values within range: the mean finite and M2 not NaN whenever Min and Max are
    /// finite. They are not only after values beyond ±MaxValue/2 of opposite signs, whose difference overflows.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool Sound(in Sums sums) =>
        !(double.IsFinite(sums.Min) && double.IsFinite(sums.Max)) || (double.IsFinite(sums.Mean) && !double.IsNaN(sums.M2));

    /// <summary>
    /// If <paramref name="sums"/>, stepped from <paramref name="before"/> over <paramref name="values"/> (NaN skipped), are not
    /// <see cref="Sound"/>, steps them again with <see cref="SafeStep"/>. One check per add of a column, none per value: the fast
    /// steps stay as they are on every ordinary stream, and a column with extreme values pays for a second pass.
    /// </summary>
    internal static void Rescue(ref Sums sums, in Sums before, ReadOnlySpan<double> values)
    {
        if (Sound(sums))
        {
            return;
        }

        sums = before;
        foreach (var x in values)
        {
            if (!double.IsNaN(x))
            {
                SafeStep(x, ref sums);
            }
        }
    }

    /// <summary>
    /// <see cref="Step"/> on halved differences, which cannot overflow for finite values: the same bits as Step wherever no half is
    /// subnormal (halving and doubling are exact), a finite mean (a convex combination of finite values) and M2 saturating at +∞.
    /// </summary>
    internal static void SafeStep(double x, ref Sums sums)
    {
        if (sums.Count == 0)
        {
            (sums.Count, sums.Mean, sums.M2, sums.Min, sums.Max) = (1, x, 0.0, x, x);
            return;
        }

        sums.Count++;
        var half = (x * 0.5) - (sums.Mean * 0.5);
        sums.Mean += half / sums.Count * 2;
        var after = (x * 0.5) - (sums.Mean * 0.5);
        sums.M2 += half * after * 4;
        sums.Min = Math.Min(sums.Min, x);
        sums.Max = Math.Max(sums.Max, x);
    }

    /// <summary>Count, mean, M2, min and max as plain fields.</summary>
    internal struct Sums
    {
        public long Count;
        public double Mean;
        public double M2;
        public double Min;
        public double Max;

    }

    /// <summary>The one Welford step that every add path takes (so that they all agree bit for bit); x is not NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Step(double x, ref long count, ref double mean, ref double m2, ref double min, ref double max)
    {
        if (count == 0)
        {
            (count, mean, m2, min, max) = (1, x, 0.0, x, x);
            return;
        }

        count++;
        var delta = x - mean;
        mean += delta / count;
        m2 += delta * (x - mean);
        min = Math.Min(min, x);
        max = Math.Max(max, x);
    }
}
