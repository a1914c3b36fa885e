using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace OrleansCt.Core.Sketches;

/// <summary>
/// Mergeable quantile sketch of Karnin, Lang and Liberty (KLL, 2016): a stack of compactors whose capacities shrink by 2/3 per level below
/// the top, with at least 8 items a level, and on long streams the paper's sampler in place of the bottom levels. Normalised rank error at
/// 99% confidence: <see cref="RankErrorBound"/>(k) = 2.446 / k^0.9433 (Apache DataSketches' empirical fit for KLL), about 0.0165 at the
/// default k = 200; measured worst 0.008 on the elec2 and housing columns.
/// </summary>
/// <remarks>
/// <para>
/// The sampler (KLL section 4, "lazy" bottom levels). Once the sketch is tall enough, sampling level s &gt; 0: the values are cut into
/// blocks of 2^s consecutive values, and of each block only the value at one offset, drawn from the coin when the block starts (so before
/// and apart from its values), enters the compactors, as one item of weight 2^s at level s; the others only move Count, Min and Max. Each
/// block's item is unbiased for the block's ranks: it stands for 2^s values, and for a query x its error 2^s·[item ≤ x] − #(block ≤ x)
/// has mean 0, |error| &lt; 2^s and variance at most 2^2s/4. Over n values that is a variance of at most n·2^s/4, against n·2^h/8 for a
/// compactor level h of 8 items (each of its n/(8·2^h) compactions errs by at most 2^h): the sampler costs what the floor levels 0..s−1
/// it replaces cost (n·(2^s − 1)/8), plus about one more floor level.
/// </para>
/// <para>
/// Choice of s: s = max(0, L − D − <see cref="KeptFloorLevels"/>), L the levels, D the depth below the top from which capacities are at the
/// floor of 8 (2 for k 16, 5 for k 48, 8 for k 200). So the sampler only replaces floor levels, three floor levels stay between it and
/// the shrinking ones, and s = 0 (no sampler: the plain sketch, item for item) until the stack is that tall; s never falls. In variance,
/// all the levels together err 2.7 (k 16) to about 4 (k 200) times as much as the top level alone (k items of weight 2^(L−1): n·2^(L−1)/k),
/// and the sampler adds at most n·2^s/8 = k·2^−(D+5) times the top's share: about 5% more variance (2% more error) at k 16, 1.4% at 48
/// and 0.6% at 200. A level L − 1 exists only after a top of k items of weight 2^(L−2) was compacted, so the held weight (and Count, up to
/// the partial blocks below) is at least k·2^(L−2), and 2^s ≤ Count / (c·k) with c = 2^(D+1): 8 at k 16, 64 at k 48, 512 at k 200.
/// Measured against exact ranks, the errors came out lower than without the sampler (level s, the lowest that fills, also takes the slots
/// the empty levels below it leave, so it compacts less often).
/// </para>
/// <para>
/// Partial blocks. The current block has seen 0 ≤ p &lt; 2^s values: before its chosen value they are not yet represented, after it the
/// chosen item already weighs 2^s for p values. Either way it is one more sampled block, zero-mean (the offset is uniform and drawn before
/// the block's values; given that the item is in, it is a uniform pick of the p values seen), off by less than 2^s in count. A merge
/// keeps this sketch's block going and freezes the other's as it stands. Queries therefore normalise by the weight actually held
/// (W = Σ items·2^level, which is Count while s = 0), and a partial block moves a normalised rank by less than 2^s/W, about 1/(c·k) at
/// most: under 0.8% at k 16 against a bound of 17.9%, 0.03% at k 48 against 6.4%. Merged parts bring one frozen block each, each under
/// 1/(c·k) of its own part's count, so together under 1/(c·k) of the union's, per level of merging.
/// </para>
/// <para>
/// Raising s happens only at a block's end (with s = 0, after any add or merge): the levels below the new s are compacted up first, one
/// compaction each from the bottom, so each keeps at most the one odd item its compaction leaves; those stay where they are, with their
/// weights, and no new item goes below s. A merge does the same for the levels below this sketch's s.
/// </para>
/// </remarks>
public sealed class QuantileSketch
{
    public const int DefaultK = 200;
    public const int MinK = 8;
    public const int MaxK = 65_535;

    // Below this width a compactor's halving error is no longer worth the space it saves (DataSketches' choice too).
    private const int MinLevelWidth = 8;

    // Floor levels (8 items) kept as compactors between the sampler and the levels whose capacities still shrink (see the remarks).
    private const int KeptFloorLevels = 3;

    // Levels deeper than this under the top all have MinLevelWidth for any allowed k (65535 * (2/3)^28 < 1), and 3^d stays in a long.
    private const int MaxDepth = 30;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, (int[] Capacities, int[] MaxSizes)> Tables = new();

    // All items sit in one array, right-aligned: [free][level 0][level 1]…[top], level h in [_starts[h], _starts[h + 1]). Level 0 grows
    // leftwards into the free space and a compaction hands its survivors to the level on its right, so nothing but this array is
    // allocated while adding, and its length is always exactly the size at which the sketch compacts. With the sampler on, the items
    // enter level s instead, and the (nearly empty) levels below it slide left by one to make room.
    private double[] _buffer;
    private int[] _starts;
    private ulong _coin;

    // The sampler: level s (0 = off), the Count at which the current block began, the offset in it of the value that enters level s, and
    // the Count at which the next value that matters comes (the chosen one, or the block's last), so that every other value costs a compare.
    private int _sampling;

    // Whether the weights held may differ from Count: once this sketch has sampled, or has merged one that had.
    private bool _sampled;
    private long _blockStart;
    private long _choice;
    private long _next;

    // This k's row of Tables, held here so that a compaction reads two arrays instead of looking k up in a dictionary.
    private readonly int[] _capacities;
    private readonly int[] _maxSizes;
    private readonly int _floorDepth;

    public QuantileSketch(int k = DefaultK)
    {
        if (k is < MinK or > MaxK)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be between {MinK} and {MaxK}; {DefaultK} gives a rank error of about {RankErrorBound(DefaultK):P2}.");
        }

        K = k;
        (_capacities, _maxSizes) = Table(k);
        _floorDepth = FloorDepth(_capacities);
        _buffer = new double[MaxSize(1)];
        _starts = [_buffer.Length, _buffer.Length];
    }

    public int K { get; }

    public long Count { get; private set; }

    /// <summary>Exact smallest value; NaN while empty.</summary>
    public double Min { get; private set; } = double.NaN;

    /// <summary>Exact largest value; NaN while empty.</summary>
    public double Max { get; private set; } = double.NaN;

    /// <summary>Items held now (the sketch's size in values).</summary>
    public int RetainedItems => _buffer.Length - _starts[0];

    /// <summary>Normalised rank error that a KLL sketch with parameter k stays within with 99% confidence, for any one query.</summary>
    public static double RankErrorBound(int k) => 2.446 / Math.Pow(k, 0.9433);

    /// <summary>
    /// A value as the sketch keeps it, −0 folded to +0 (they compare equal but differ in bits; folding makes the sorted levels unique, so
    /// replay is bit-identical whatever sort the runtime uses), and the extremes after it: as Math.Min and Math.Max without their NaN and
    /// signed-zero cases (x is neither NaN nor −0 here; &lt; keeps a −0 minimum, &gt;= replaces a −0 maximum).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (double X, double Min, double Max) Fold(double x, double min, double max)
    {
        if (x == 0)
        {
            x = 0;
        }

        return (x, x < min ? x : min, x >= max ? x : max);
    }

    /// <summary>Adds one value. NaN is refused because it is a missing value, which the caller counts apart.</summary>
    public void Add(double x)
    {
        if (double.IsNaN(x))
        {
            ThrowNaN(nameof(x));
        }

        // -0 and +0 compare equal but differ in bits; folding them makes the sorted levels unique, so replay is bit-identical whatever sort the runtime uses.
        if (x == 0)
        {
            x = 0;
        }

        if (Count == 0)
        {
            (Min, Max) = (x, x);
        }
        else
        {
            // As Math.Min and Math.Max, without their NaN and signed-zero cases: x is neither NaN nor -0 here (< keeps a -0 Min, >= replaces a -0 Max).
            if (x < Min)
            {
                Min = x;
            }

            if (x >= Max)
            {
                Max = x;
            }
        }

        var c = Count;
        Count = c + 1;
        if (_sampling != 0)
        {
            // Sampling: only the block's chosen value and its last one do anything more than count.
            if (c == _next)
            {
                Sample(x, c);
            }

            return;
        }

        var free = _starts[0] - 1;
        _buffer[free] = x;
        _starts[0] = free;
        if (free == 0)
        {
            Compress();
            SampleIfDue();
        }
    }

    /// <summary>
    /// Adds values in order: the same sketch, bit for bit, as <see cref="Add(double)"/> on each of them in turn (so the compactions, the
    /// coin and the state are those of single adds), with the per-value checks done once per run between two compactions. NaN is refused as
    /// by <see cref="Add(double)"/>: the values before it are added, then it throws.
    /// </summary>
    public void Add(ReadOnlySpan<double> values)
    {
        while (!values.IsEmpty)
        {
            if (_sampling != 0)
            {
                values = AddSampled(values);
                continue;
            }

            // Level 0 grows leftwards into the free space: a run fills it from its right end, the first value rightmost, as single adds do.
            var free = _starts[0];
            var run = values[..Math.Min(free, values.Length)];
            var (min, max) = Count == 0 ? (double.PositiveInfinity, double.NegativeInfinity) : (Min, Max);
            var at = free;
            var buffer = _buffer;
            foreach (var value in run)
            {
                var x = value;
                if (double.IsNaN(x))
                {
                    break;
                }

                (x, min, max) = Fold(x, min, max);

                buffer[--at] = x;
            }

            var added = free - at;
            if (added > 0)
            {
                (Min, Max) = (min, max);
                Count += added;
                _starts[0] = at;
            }

            if (at == 0)
            {
                Compress();
                SampleIfDue();
            }

            if (added < run.Length)
            {
                ThrowNaN(nameof(values));
            }

            values = values[added..];
        }
    }

    // The bulk add while sampling: the values up to and including the next one that matters (the block's chosen or last value) only move
    // Count, Min and Max, so they are scanned as a run; then that one value is handled as Add(double) handles it. Returns what is left.
    private ReadOnlySpan<double> AddSampled(ReadOnlySpan<double> values)
    {
        var c = Count;
        var before = _next - c;
        var run = before < values.Length ? values[..((int)before + 1)] : values;
        var (min, max) = (Min, Max);
        var added = Scan(run, ref min, ref max);
        if (added > 0)
        {
            Count = c + added;
            (Min, Max) = (min, max);
        }

        if (added == before + 1)
        {
            var x = run[added - 1];
            Sample(x == 0 ? 0 : x, c + before);
        }

        if (added < run.Length)
        {
            ThrowNaN(nameof(values));
        }

        return values[added..];
    }

    // Min and Max over the values before the first NaN, whose number it returns: as the single adds' x < Min and x >= Max on the folded
    // values, because with no NaN the extremes are the same numbers in any order, and only a zero extreme can differ (in sign), which is
    // folded at the end. min and max come in as the sketch's (Count > 0).
    private static int Scan(ReadOnlySpan<double> run, ref double min, ref double max)
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

    // NumericSketch's column paths: one pass that counts NaN as missing and adds every other value here as Add(double) does, so that the
    // sketch ends bit for bit as after single adds. With StepMoments it also takes each value through the moments' Welford step (the two
    // dependency chains overlap in the processor); with SkipMoments the caller steps the moments itself (several columns at once), and
    // while sampling the values between two that matter are scanned as runs. Returns the number of NaN values.
    internal long AddColumn<TMode>(ReadOnlySpan<double> values, ref Moments.Sums moments)
        where TMode : struct, IColumnMode
    {
        var missing = 0L;
        var i = 0;
        var (count, mean, m2, low, high) = (moments.Count, moments.Mean, moments.M2, moments.Min, moments.Max);
        while (i < values.Length)
        {
            if (_sampling != 0 && typeof(TMode) == typeof(SkipMoments))
            {
                missing += AddSampledPresent(values[i..]);
                break;
            }

            if (_sampling != 0)
            {
                // Sampling (Count > 0): each value is counted, and only the block's chosen and last values go further.
                var (c, next, lo, hi) = (Count, _next, Min, Max);
                for (; i < values.Length; i++)
                {
                    var x = values[i];
                    if (double.IsNaN(x))
                    {
                        missing++;
                        continue;
                    }

                    Moments.Step(x, ref count, ref mean, ref m2, ref low, ref high);
                    (x, lo, hi) = Fold(x, lo, hi);

                    if (c++ == next)
                    {
                        Sample(x, c - 1);
                        next = _next;
                    }
                }

                (Count, Min, Max) = (c, lo, hi);
                break;
            }

            var at = _starts[0];
            var buffer = _buffer;
            var (min, max) = Count == 0 ? (double.PositiveInfinity, double.NegativeInfinity) : (Min, Max);
            for (; i < values.Length && at > 0; i++)
            {
                var x = values[i];
                if (double.IsNaN(x))
                {
                    missing++;
                    continue;
                }

                if (typeof(TMode) == typeof(StepMoments))
                {
                    Moments.Step(x, ref count, ref mean, ref m2, ref low, ref high);
                }

                (x, min, max) = Fold(x, min, max);

                buffer[--at] = x;
            }

            var added = _starts[0] - at;
            if (added > 0)
            {
                (Min, Max) = (min, max);
                Count += added;
                _starts[0] = at;
                if (at == 0)
                {
                    Compress();
                    SampleIfDue();
                }
            }
        }

        (moments.Count, moments.Mean, moments.M2, moments.Min, moments.Max) = (count, mean, m2, low, high);
        return missing;
    }

    // AddColumn<SkipMoments> while sampling: the values before the next one that matters (the block's chosen or last value) only move Count,
    // Min and Max, so they are scanned as a run (as AddSampled does) up to a NaN, which is counted and skipped; then that one value is handled
    // as Add(double) handles it. Returns the number of NaN values.
    private long AddSampledPresent(ReadOnlySpan<double> values)
    {
        var missing = 0L;
        var (c, lo, hi) = (Count, Min, Max);
        var i = 0;
        while (i < values.Length)
        {
            var before = (int)Math.Min(_next - c, values.Length - i);
            var scanned = Scan(values.Slice(i, before), ref lo, ref hi);
            (c, i) = (c + scanned, i + scanned);
            if (i == values.Length)
            {
                break;
            }

            // A NaN inside the run, or the value that matters (c is _next).
            var x = values[i++];
            if (double.IsNaN(x))
            {
                missing++;
                continue;
            }

            (x, lo, hi) = Fold(x, lo, hi);

            Sample(x, c++);
        }

        (Count, Min, Max) = (c, lo, hi);
        return missing;
    }

    /// <summary>How <see cref="AddColumn{TMode}"/> treats the moments: <see cref="StepMoments"/> or <see cref="SkipMoments"/>.</summary>
    internal interface IColumnMode;

    /// <summary>AddColumn steps the moments along with its own adds.</summary>
    internal struct StepMoments : IColumnMode;

    /// <summary>AddColumn leaves the moments to the caller.</summary>
    internal struct SkipMoments : IColumnMode;

    /// <summary>
    /// Folds <paramref name="other"/> into this one; the result answers for the union of both streams within the same rank-error bound.
    /// <paramref name="other"/> may have a smaller k (an item of level h weighs 2^h at any k, so the levels still line up): its items
    /// bring its larger error along, which bounds the union's error by <see cref="RankErrorBound"/> of the smaller k at worst, and
    /// less when many such sketches are folded in, since their independent errors partly cancel.
    /// </summary>
    public void Merge(QuantileSketch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.K > K)
        {
            throw new ArgumentException($"cannot merge a sketch with k = {other.K} into one with the smaller k = {K}.", nameof(other));
        }

        if (other.Count == 0)
        {
            return;
        }

        // Both sketches' levels, side by side, in a new array; read before anything is written, so a sketch can merge into itself.
        var levels = Math.Max(Levels, other.Levels);
        var total = RetainedItems + other.RetainedItems;
        var buffer = new double[Math.Max(total + 1, MaxSize(levels))];
        var starts = new int[levels + 1];
        var at = buffer.Length - total;
        for (var h = 0; h < levels; h++)
        {
            starts[h] = at;
            at = Append(buffer, at, this, h);
            at = Append(buffer, at, other, h);
        }

        starts[levels] = at;
        var added = other.Count;
        Min = Count == 0 ? other.Min : Math.Min(Min, other.Min);
        Max = Count == 0 ? other.Max : Math.Max(Max, other.Max);
        Count += added;
        _sampled |= other._sampled;
        _coin = Mix((_coin * 31) + other._coin);
        (_buffer, _starts) = (buffer, starts);
        if (_sampling != 0)
        {
            // This sketch's block goes on where it was (the other's is frozen as it stands, in its items), and the other's items below s
            // are compacted up as when s rose.
            _blockStart += added;
            _next += added;
            Settle(_sampling);
        }

        Compress();
        SampleIfDue();
    }

    /// <summary>
    /// The value at normalised rank q: the smallest held value whose estimated rank reaches q·W, W the weight held (Count while the sampler
    /// is off; see the remarks); q = 0 gives Min, 1 gives Max; NaN while empty.
    /// </summary>
    public double Quantile(double q)
    {
        if (!(q >= 0 && q <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(q), q, "a quantile's rank must be between 0 and 1.");
        }

        if (Count == 0)
        {
            return double.NaN;
        }

        if (q == 0)
        {
            return Min;
        }

        if (q == 1)
        {
            return Max;
        }

        // Ranks out of the weight held (Count while s = 0; see the remarks for the sampler's partial blocks).
        var (values, ranks) = Sorted();
        var target = q * ranks[^1];
        var lo = 0;
        var hi = ranks.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (ranks[mid] >= target)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return Math.Clamp(values[lo], Min, Max);
    }

    /// <summary>Estimated share of the values that are at most x (out of the weight held); NaN while empty.</summary>
    public double Rank(double x)
    {
        if (double.IsNaN(x))
        {
            throw new ArgumentException("the rank of NaN is not defined.", nameof(x));
        }

        if (Count == 0)
        {
            return double.NaN;
        }

        if (x < Min)
        {
            return 0;
        }

        if (x >= Max)
        {
            return 1;
        }

        var (values, ranks) = Sorted();
        var lo = 0;
        var hi = values.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (values[mid] <= x)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo == 0 ? 0 : (double)ranks[lo - 1] / ranks[^1];
    }

    public QuantileSketchState ToState()
    {
        var sizes = new int[Levels];
        for (var h = 0; h < sizes.Length; h++)
        {
            sizes[h] = _starts[h + 1] - _starts[h];
        }

        var position = _sampling == 0 ? 0 : Count - _blockStart;
        return new QuantileSketchState(K, Count, Min, Max, unchecked((long)_coin), sizes, _buffer[_starts[0]..], _sampling, position, _sampling == 0 ? 0 : _choice, _sampled);
    }

    /// <summary>Restores a state made by <see cref="ToState"/>; throws an <see cref="ArgumentException"/> naming the first field that cannot be right.</summary>
    public static QuantileSketch FromState(QuantileSketchState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.K is < MinK or > MaxK)
        {
            Reject($"K is {state.K}, outside {MinK}..{MaxK}");
        }

        if (state.LevelSizes is not { Length: > 0 and < 62 } sizes || sizes.Any(s => s < 0))
        {
            Reject("LevelSizes must hold 1 to 61 counts, none negative");
        }

        if (state.Items is null || state.Items.Length != state.LevelSizes.Sum(s => (long)s))
        {
            Reject($"Items has {state.Items?.Length.ToString() ?? "no"} values but LevelSizes add up to {state.LevelSizes.Sum(s => (long)s)}");
        }

        var levels = state.LevelSizes.Length;
        var (sampling, position, choice) = (state.SamplingLevel, state.BlockPosition, state.BlockChoice);
        if (sampling < 0 || sampling > SamplingLevel(FloorDepth(Table(state.K).Capacities), levels))
        {
            Reject($"SamplingLevel is {sampling}, outside 0..{SamplingLevel(FloorDepth(Table(state.K).Capacities), levels)} for {levels} levels with k = {state.K}");
        }

        if (sampling == 0 ? position != 0 || choice != 0 : position < 0 || position >= 1L << sampling || position > state.Count || choice < 0 || choice >= 1L << sampling)
        {
            Reject($"BlockPosition {position} and BlockChoice {choice} do not fit SamplingLevel {sampling} and Count {state.Count}");
        }

        // Compaction turns two items of weight 2^h into one of weight 2^(h+1), so without the sampler the weights add up to Count exactly;
        // with it, they differ by the partial blocks (see the remarks) — also in a sketch not sampling itself that merged one that was —
        // and only a sketch that holds nothing may weigh nothing.
        var weight = 0L;
        for (var h = 0; h < levels; h++)
        {
            weight += (long)state.LevelSizes[h] << h;
        }

        var sampled = state.Sampled || sampling > 0;
        if (sampled ? (weight == 0) != (state.Count == 0) || weight < 0 : weight != state.Count)
        {
            Reject($"the items stand for {weight} values but Count is {state.Count}{(sampling == 0 ? string.Empty : $" at SamplingLevel {sampling}")}");
        }

        if (state.Count == 0 ? !(double.IsNaN(state.Min) && double.IsNaN(state.Max)) : !(state.Min <= state.Max))
        {
            Reject($"Min {state.Min} and Max {state.Max} do not fit Count {state.Count}");
        }

        if (state.Items.Any(v => !(v >= state.Min && v <= state.Max)))
        {
            Reject("Items holds a value outside [Min, Max] or NaN");
        }

        var maxSize = MaxSize(state.K, levels);
        if (state.Items.Length >= maxSize)
        {
            Reject($"Items holds {state.Items.Length} values but {levels} levels with k = {state.K} hold fewer than {maxSize}");
        }

        var sketch = new QuantileSketch(state.K) { Count = state.Count, Min = state.Min, Max = state.Max, _coin = unchecked((ulong)state.Coin) };
        sketch._buffer = new double[maxSize];
        sketch._starts = new int[levels + 1];
        var at = maxSize - state.Items.Length;
        state.Items.CopyTo(sketch._buffer, at);
        for (var h = 0; h < levels; h++)
        {
            sketch._starts[h] = at;
            at += state.LevelSizes[h];
        }

        sketch._starts[levels] = at;
        sketch._sampled = sampled;
        if (sampling != 0)
        {
            (sketch._sampling, sketch._blockStart, sketch._choice) = (sampling, state.Count - position, choice);
            sketch._next = sketch._blockStart + (position <= choice ? choice : (1L << sampling) - 1);
        }

        return sketch;
    }

    private int Levels => _starts.Length - 1;

    // The sampling level a stack of this many levels calls for (see the remarks): the floor levels beyond the kept ones.
    private static int SamplingLevel(int floorDepth, int levels) => Math.Max(0, levels - floorDepth - KeptFloorLevels);

    // The first depth under the top whose capacity is the floor of 8 items.
    private static int FloorDepth(int[] capacities) => Array.IndexOf(capacities, MinLevelWidth);

    // Without the sampler, after the levels may have grown (the end of every add's one-value block): starts it if the stack calls for it.
    private void SampleIfDue()
    {
        if (_sampling == 0 && SamplingLevel(_floorDepth, Levels) > 0)
        {
            NextBlock(Count);
        }
    }

    // Value number c (Count before it) is the current block's chosen or last value (c == _next): the chosen one enters level s, and after
    // the last one the next block begins.
    private void Sample(double x, long c)
    {
        var last = (1L << _sampling) - 1;
        var offset = c - _blockStart;
        if (offset == _choice)
        {
            Emit(x);
        }

        if (offset == last)
        {
            NextBlock(c + 1);
        }
        else
        {
            _next = _blockStart + last;
        }
    }

    // Puts x into level s as an item of weight 2^s: the levels below (at most one item each) slide left by one to make room.
    private void Emit(double x)
    {
        var s = _sampling;
        var below = _starts[0];
        var at = _starts[s];
        for (var i = below; i < at; i++)
        {
            _buffer[i - 1] = _buffer[i];
        }

        _buffer[at - 1] = x;
        for (var h = 0; h <= s; h++)
        {
            _starts[h]--;
        }

        if (below == 1)
        {
            Compress();
        }
    }

    // Starts the block whose first value is number start: raises s first if the stack has grown enough for it, then draws the block's
    // offset from the coin, before any of its values is seen.
    private void NextBlock(long start)
    {
        var due = SamplingLevel(_floorDepth, Levels);
        if (due > _sampling)
        {
            Settle(due);
            _sampling = due;
            _sampled = true;
        }

        _blockStart = start;
        _coin = Mix(_coin ^ unchecked((ulong)start));
        _choice = (long)(_coin >> (64 - _sampling));
        _next = start + _choice;
    }

    // Compacts each level below s that holds two items or more, from the bottom up, so each keeps at most its odd item.
    private void Settle(int s)
    {
        for (var h = 0; h < s; h++)
        {
            if (_starts[h + 1] - _starts[h] >= 2)
            {
                Compact(h);
            }
        }
    }

    // Capacity ceil(k (2/3)^depth) in integers, so that the schedule (and so every compaction) is the same on every machine.
    private int Capacity(int depth) => depth < _capacities.Length ? _capacities[depth] : MinLevelWidth;

    private int MaxSize(int levels) => MaxSize(_maxSizes, levels);

    private static int MaxSize(int k, int levels) => MaxSize(Table(k).MaxSizes, levels);

    private static int MaxSize(int[] maxSizes, int levels) =>
        levels < maxSizes.Length ? maxSizes[levels] : maxSizes[^1] + ((levels - (maxSizes.Length - 1)) * MinLevelWidth);

    // Capacities depend on k only, so they are worked out once per k (and each sketch keeps its k's row).
    private static (int[] Capacities, int[] MaxSizes) Table(int k) => Tables.GetOrAdd(k, static k =>
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

    private static int Append(double[] buffer, int at, QuantileSketch source, int level)
    {
        if (level >= source.Levels)
        {
            return at;
        }

        var (from, to) = (source._starts[level], source._starts[level + 1]);
        Array.Copy(source._buffer, from, buffer, at, to - from);
        return at + to - from;
    }

    // Compacts levels from the bottom up until the items fit under the total capacity, then sizes the array to that capacity.
    private void Compress()
    {
        for (var h = 0; h < Levels && RetainedItems >= MaxSize(Levels); h++)
        {
            if (_starts[h + 1] - _starts[h] < Capacity(Levels - 1 - h))
            {
                continue;
            }

            if (h + 1 == Levels)
            {
                _starts = [.. _starts, _buffer.Length];
            }

            Compact(h);
        }

        var size = MaxSize(Levels);
        if (_buffer.Length != size)
        {
            var buffer = new double[size];
            var shift = size - _buffer.Length;
            Array.Copy(_buffer, _starts[0], buffer, _starts[0] + shift, RetainedItems);
            for (var h = 0; h < _starts.Length; h++)
            {
                _starts[h] += shift;
            }

            _buffer = buffer;
        }
    }

    // Sorts level h and promotes one item of each adjacent pair (which one, by the coin) to level h + 1, keeping the smallest item
    // when the count is odd. The promoted items are written at the right end of level h's span, which then becomes part of level
    // h + 1; the levels below slide right over the gap.
    private void Compact(int h)
    {
        var start = _starts[h];
        var count = _starts[h + 1] - start;
        var level = _buffer.AsSpan(start, count);
        var odd = count & 1;
        var promoted = count / 2;

        // Up to 32 items (nearly every compaction), sorted apart without a data-dependent branch; more, in place by the runtime's sort.
        // The items are never NaN and never -0 (Add folds it), so equal items are equal in bits and every correct sort gives the same
        // array: the result is the runtime sort's, bit for bit.
        Span<double> run = stackalloc double[16];
        scoped ReadOnlySpan<double> sorted;
        if (count <= 16)
        {
            run.Fill(double.PositiveInfinity);
            level.CopyTo(run);
            if (count > 8)
            {
                Sort16(run);
            }
            else
            {
                Sort8(run);
            }

            sorted = run[..count];
            level[0] = sorted[0];
        }
        else if (count <= 32)
        {
            SortMerged(level);
            sorted = level;
        }
        else
        {
            level.Sort();
            sorted = level;
        }

        var offset = Coin(sorted[count / 2]);

        // Descending j writes at or above where it reads, and above every read still to come (sorted may be level itself).
        for (var j = promoted - 1; j >= 0; j--)
        {
            level[odd + promoted + j] = sorted[odd + (2 * j) + offset];
        }

        _starts[h + 1] = start + odd + promoted;
        var below = _starts[0];
        var sliding = start + odd - below;
        if (sliding == 1)
        {
            _buffer[below + promoted] = _buffer[below];
        }
        else if (sliding > 1)
        {
            Array.Copy(_buffer, below, _buffer, below + promoted, sliding);
        }

        for (var i = 0; i <= h; i++)
        {
            _starts[i] += promoted;
        }
    }

    // Sorts 17 to 32 items in place: the first 16 and the rest (padded with +∞) through one network each, then a branch-free merge of the
    // two runs, each ended by a +∞ sentinel.
    private static void SortMerged(Span<double> items)
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
    private static void Sort8(Span<double> v)
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
    private static void Sort16(Span<double> v)
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

    // The compaction coin must be fair and independent of the query, but replay must repeat it: a hash chain over the
    // sketch's own history (its previous coin and the median of the level being compacted) gives both without a Random.
    private int Coin(double median)
    {
        _coin = Mix(_coin ^ unchecked((ulong)BitConverter.DoubleToInt64Bits(median)));
        return (int)(_coin >> 63);
    }

    // SplitMix64's finaliser (Steele, Lea and Flood, 2014).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong z)
    {
        unchecked
        {
            z += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    // The held items sorted, with the cumulative weight (estimated count at or below) of each; built per query, not kept, so a
    // sketch at rest holds only its items.
    private (double[] Values, long[] Ranks) Sorted()
    {
        var values = _buffer[_starts[0]..];
        var ranks = new long[values.Length];
        for (var h = 0; h < Levels; h++)
        {
            ranks.AsSpan(_starts[h] - _starts[0], _starts[h + 1] - _starts[h]).Fill(1L << h);
        }

        Array.Sort(values, ranks);
        for (var i = 1; i < ranks.Length; i++)
        {
            ranks[i] += ranks[i - 1];
        }

        return (values, ranks);
    }

    [DoesNotReturn]
    private static void ThrowNaN(string parameter) =>
        throw new ArgumentException("NaN is a missing value, not a value; count it as missing (NumericSketch does) instead of adding it to a QuantileSketch.", parameter);

    [DoesNotReturn]
    private static void Reject(string message) =>
        throw new ArgumentException($"QuantileSketch state is not valid: {message}; restore a state made by ToState, or start an empty sketch.", "state");
}
