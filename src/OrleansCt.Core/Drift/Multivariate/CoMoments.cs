using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace OrleansCt.Core.Drift.Multivariate;

/// <summary>
/// Count, mean vector and co-moment matrix C = Σ (x−mean)(x−mean)ᵀ of d-dimensional rows: the multivariate Welford update,
/// merged exactly (up to rounding) by Chan, Golub and LeVeque's pairwise formula. Memory is d(d+1)/2 + 3d doubles whatever the row count.
/// </summary>
public sealed class CoMoments
{
    private readonly double[] _mean;
    private readonly double[] _c;
    private readonly double[] _delta;
    private readonly double[] _row;

    /// <summary>An empty summary of rows with <paramref name="dimensions"/> values each.</summary>
    public CoMoments(int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        Dimensions = dimensions;
        _mean = new double[dimensions];
        Array.Fill(_mean, double.NaN);
        _c = new double[dimensions * (dimensions + 1) / 2];
        _delta = new double[dimensions];
        _row = new double[dimensions];
        Mean = Array.AsReadOnly(_mean);
    }

    public int Dimensions { get; }

    /// <summary>Rows added.</summary>
    public long Count { get; private set; }

    /// <summary>Rows refused because a value was NaN (missing) or infinite (which would turn every later mean into NaN).</summary>
    public long Skipped { get; private set; }

    /// <summary>Mean of each dimension (a live view); NaN while empty.</summary>
    public IReadOnlyList<double> Mean { get; }

    /// <summary>Element (i, j) of C = Σ (x−mean)(x−mean)ᵀ; symmetric, so (j, i) gives the same.</summary>
    public double CoMoment(int i, int j) => _c[Index(Math.Min(i, j), Math.Max(i, j))];

    /// <summary>Population covariance C / n (ddof 0), d×d; all NaN (0/0) while empty.</summary>
    public double[,] Covariance()
    {
        var result = new double[Dimensions, Dimensions];
        for (var i = 0; i < Dimensions; i++)
        {
            for (var j = 0; j < Dimensions; j++)
            {
                result[i, j] = CoMoment(i, j) / Count;
            }
        }

        return result;
    }

    /// <summary>Adds one row of <see cref="Dimensions"/> values; a row holding NaN or an infinity is counted in <see cref="Skipped"/> instead.</summary>
    public void Add(ReadOnlySpan<double> row)
    {
        if (row.Length != Dimensions)
        {
            throw new ArgumentException($"the row has {row.Length} values but these co-moments have {Dimensions} dimensions.", nameof(row));
        }

        ref var x = ref MemoryMarshal.GetReference(row);
        if (!AllFinite(ref x))
        {
            Skipped++;
            return;
        }

        Count++;
        if (Count == 1)
        {
            row.CopyTo(_mean);
            return;
        }

        Step(ref x);
    }

    /// <summary>Adds row <paramref name="row"/> of columnar data, columns[f][row] being dimension f, without building the row.</summary>
    public void Add(double[][] columns, int row)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Length != Dimensions)
        {
            throw new ArgumentException($"{columns.Length} columns were given but these co-moments have {Dimensions} dimensions.", nameof(columns));
        }

        // Gathered in the blocks that Step reads (see Blocks), so that each of its loads finds one earlier store of the same place and width.
        var (wide, pair, odd) = Blocks;
        var f = 0;
        for (; f < wide; f += Vector256<double>.Count)
        {
            Vector256.Create(columns[f][row], columns[f + 1][row], columns[f + 2][row], columns[f + 3][row]).CopyTo(_row, f);
        }

        if (pair)
        {
            Vector128.Create(columns[f][row], columns[f + 1][row]).CopyTo(_row, f);
            f += Vector128<double>.Count;
        }

        if (odd)
        {
            _row[f] = columns[f][row];
        }

        Add(_row);
    }

    /// <summary>Folds <paramref name="other"/> into this one, as if its rows had been added here (Count and Skipped exact, the rest up to rounding).</summary>
    public void Merge(CoMoments other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Dimensions != Dimensions)
        {
            throw new ArgumentException($"cannot merge co-moments of {other.Dimensions} dimensions into ones of {Dimensions}.", nameof(other));
        }

        Skipped += other.Skipped;
        if (other.Count == 0)
        {
            return;
        }

        if (Count == 0)
        {
            Count = other.Count;
            other._mean.CopyTo(_mean, 0);
            other._c.CopyTo(_c, 0);
            return;
        }

        // C = Ca + Cb + δδᵀ·na·nb/n with δ = mean_b − mean_a; mean = mean_a + δ·nb/n.
        var weight = (double)other.Count / (Count + other.Count);
        for (var i = 0; i < Dimensions; i++)
        {
            _delta[i] = other._mean[i] - _mean[i];
            _mean[i] += _delta[i] * weight;
        }

        for (var p = 0; p < _c.Length; p++)
        {
            _c[p] += other._c[p];
        }

        AddOuterDelta(Count * weight);
        Count += other.Count;
    }

    public CoMomentsState ToState() => new(Dimensions, Count, Skipped, (double[])_mean.Clone(), (double[])_c.Clone());

    /// <summary>Restores a state made by <see cref="ToState"/>; throws an <see cref="ArgumentException"/> naming the first field that cannot be right.</summary>
    public static CoMoments FromState(CoMomentsState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.Check();
        var result = new CoMoments(state.Dimensions) { Count = state.Count, Skipped = state.Skipped };
        state.Mean.CopyTo(result._mean, 0);
        state.CoMoments.CopyTo(result._c, 0);
        return result;
    }

    // The dimensions in blocks: 4-wide from 0 to Wide, then a 2-wide block if Pair, then a single last value if Odd. The row, δ and the
    // mean are read and written in these blocks, and each row of C in the same blocks of j (after a few single values up to the first
    // block boundary at or after the diagonal): every load then finds its data in one earlier store of the same place and width, which the
    // processor forwards (a wider load over narrower stores, or across two, would wait for the stores to reach the cache).
    private (int Wide, bool Pair, bool Odd) Blocks => (Dimensions & ~3, (Dimensions & 2) != 0, (Dimensions & 1) != 0);

    // True when no value is NaN or infinite: x·0 is ±0 for a finite x and NaN otherwise, so a block's sum is NaN as soon as one is not finite.
    private bool AllFinite(ref double x)
    {
        var (wide, pair, odd) = Blocks;
        var sum = Vector256<double>.Zero;
        var i = 0;
        for (; i < wide; i += Vector256<double>.Count)
        {
            sum += Vector256.LoadUnsafe(ref x, (nuint)i) * Vector256<double>.Zero;
        }

        var finite = Vector256.EqualsAll(sum, sum);
        if (pair)
        {
            var two = Vector128.LoadUnsafe(ref x, (nuint)i) * Vector128<double>.Zero;
            finite &= Vector128.EqualsAll(two, two);
            i += Vector128<double>.Count;
        }

        return finite && (!odd || double.IsFinite(Unsafe.Add(ref x, i)));
    }

    // One row x of finite values, Count already counting it (≥ 2): δ = x − old mean, mean += δ / n, then C += (n−1)/n · δδᵀ (the same as
    // δ(x − new mean)ᵀ, but symmetric term by term). Each vector lane is the scalar step's own IEEE operation on the same operands in the
    // same order (a product rounded, then added; no fused multiply-add), so the state is bit for bit that of the one-value-at-a-time loop.
    private void Step(ref double x)
    {
        var (wide, pair, odd) = Blocks;
        ref var mean = ref MemoryMarshal.GetArrayDataReference(_mean);
        ref var delta = ref MemoryMarshal.GetArrayDataReference(_delta);
        var n = (double)Count;
        var i = 0;
        for (; i < wide; i += Vector256<double>.Count)
        {
            var m = Vector256.LoadUnsafe(ref mean, (nuint)i);
            var d = Vector256.LoadUnsafe(ref x, (nuint)i) - m;
            d.StoreUnsafe(ref delta, (nuint)i);
            (m + (d / Vector256.Create(n))).StoreUnsafe(ref mean, (nuint)i);
        }

        if (pair)
        {
            var m = Vector128.LoadUnsafe(ref mean, (nuint)i);
            var d = Vector128.LoadUnsafe(ref x, (nuint)i) - m;
            d.StoreUnsafe(ref delta, (nuint)i);
            (m + (d / Vector128.Create(n))).StoreUnsafe(ref mean, (nuint)i);
            i += Vector128<double>.Count;
        }

        if (odd)
        {
            var d = Unsafe.Add(ref x, i) - Unsafe.Add(ref mean, i);
            Unsafe.Add(ref delta, i) = d;
            Unsafe.Add(ref mean, i) += d / n;
        }

        var scale = (n - 1) / n;
        var dimensions = Dimensions;
        var pairEnd = pair ? wide + Vector128<double>.Count : wide;
        ref var c = ref MemoryMarshal.GetArrayDataReference(_c);
        var row = 0;
        for (i = 0; i < dimensions; i++)
        {
            // Row i of the upper triangle, (i, j) for j = i … d − 1: (i, i) is at row, (i, j) j − i further.
            var a = Unsafe.Add(ref delta, i) * scale;
            var j = i;
            var head = i < wide ? (i + 3) & ~3 : i <= wide ? wide : i <= pairEnd ? pairEnd : dimensions;
            for (; j < head; j++)
            {
                Unsafe.Add(ref c, row + j - i) += a * Unsafe.Add(ref delta, j);
            }

            for (; j < wide; j += Vector256<double>.Count)
            {
                ref var at = ref Unsafe.Add(ref c, row + j - i);
                (Vector256.LoadUnsafe(ref at) + (Vector256.Create(a) * Vector256.LoadUnsafe(ref delta, (nuint)j))).StoreUnsafe(ref at);
            }

            if (pair && j == wide)
            {
                ref var at = ref Unsafe.Add(ref c, row + j - i);
                (Vector128.LoadUnsafe(ref at) + (Vector128.Create(a) * Vector128.LoadUnsafe(ref delta, (nuint)j))).StoreUnsafe(ref at);
                j += Vector128<double>.Count;
            }

            if (j < dimensions)
            {
                Unsafe.Add(ref c, row + j - i) += a * Unsafe.Add(ref delta, j);
            }

            row += dimensions - i;
        }
    }

    /// <summary>Position of (i, j), i ≤ j, in the upper triangle stored row by row.</summary>
    internal int Index(int i, int j) => (i * Dimensions) - (i * (i - 1) / 2) + (j - i);

    /// <summary>C += scale · δδᵀ over the upper triangle, δ being the scratch vector.</summary>
    private void AddOuterDelta(double scale)
    {
        var c = _c.AsSpan();
        var delta = _delta.AsSpan();
        for (var i = 0; i < delta.Length; i++)
        {
            var a = delta[i] * scale;
            var tail = delta[i..];
            var row = c.Slice(Index(i, i), tail.Length);
            for (var j = 0; j < tail.Length; j++)
            {
                row[j] += a * tail[j];
            }
        }
    }
}
