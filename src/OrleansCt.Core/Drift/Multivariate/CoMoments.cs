using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace OrleansCt.Core.Drift.Multivariate;

/// <summary>
/// Count, mean vector and co-moment matrix C = Σ (x−mean)(x−mean)ᵀ of d-dimensional rows: the multivariate Welford update,
/// merged exactly (up to rounding) by Chan, Golub and LeVeque's pairwise formula. Memory is d(d+1)/2 + 3d doubles whatever the row count.
/// Over 400 lines as one concept: the update, its vectorised block form and the merge share the padded triangle's layout, which no
/// other type should know.
/// </summary>
public sealed class CoMoments
{
    // Rows of C added a block at a time (see AddOuter): the block's deltas and scaled deltas wait in scratch this many rows deep.
    private const int BlockRows = 8;

    private readonly double[] _mean;

    // The upper triangle row by row, each row i (the d − i values (i, i) … (i, d − 1)) padded to whole vectors, so that a block of rows
    // adds to it in whole vectors; what the padding holds is never read.
    private readonly double[] _c;
    private readonly int[] _rowStarts;
    private readonly double[] _delta;
    private readonly double[] _row;

    // The vectors of C, as (i, j, position of (i, j)) triples: the block's rows add a_i · δ_j … δ_j+3 to each.
    private readonly int[] _chunks;

    /// <summary>An empty summary of rows with <paramref name="dimensions"/> values each.</summary>
    public CoMoments(int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        Dimensions = dimensions;
        _mean = new double[dimensions];
        Array.Fill(_mean, double.NaN);
        _rowStarts = new int[dimensions + 1];
        var chunks = new List<int>();
        for (var i = 0; i < dimensions; i++)
        {
            var padded = Padded(dimensions - i);
            for (var j = 0; j < padded; j += Vector256<double>.Count)
            {
                chunks.AddRange([i, i + j, _rowStarts[i] + j]);
            }

            _rowStarts[i + 1] = _rowStarts[i] + padded;
        }

        _chunks = [.. chunks];
        _c = new double[_rowStarts[dimensions]];
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

        Span<double> deltas = stackalloc double[Stride];
        Span<double> scaled = stackalloc double[Dimensions];
        Step(ref x, deltas, scaled);
        AddOuter(deltas, scaled, 1);
    }

    /// <summary>Adds row <paramref name="row"/> of columnar data, columns[f][row] being dimension f, without building the row.</summary>
    public void Add(double[][] columns, int row)
    {
        CheckColumns(columns, row, row + 1);
        Gather(columns, row);
        Add(_row);
    }

    /// <summary>
    /// Adds rows [<paramref name="start"/>, <paramref name="end"/>) of columnar data in order: bit for bit what <see cref="Add(double[][], int)"/>
    /// on each row gives, with the co-moments stepped a block of rows at a time (see AddOuter).
    /// </summary>
    public void Add(double[][] columns, int start, int end)
    {
        CheckColumns(columns, start, end);
        Span<double> deltas = stackalloc double[BlockRows * Stride];
        Span<double> scaled = stackalloc double[BlockRows * Dimensions];
        ref var x = ref MemoryMarshal.GetArrayDataReference(_row);
        var rows = 0;
        for (var row = start; row < end; row++)
        {
            Gather(columns, row);
            if (!AllFinite(ref x))
            {
                Skipped++;
                continue;
            }

            Count++;
            if (Count == 1)
            {
                _row.CopyTo(_mean, 0);
                continue;
            }

            Step(ref x, deltas.Slice(rows * Stride, Stride), scaled.Slice(rows * Dimensions, Dimensions));
            if (++rows == BlockRows)
            {
                AddOuter(deltas, scaled, rows);
                rows = 0;
            }
        }

        if (rows > 0)
        {
            AddOuter(deltas, scaled, rows);
        }
    }

    private void CheckColumns(double[][] columns, int start, int end)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Length != Dimensions)
        {
            throw new ArgumentException($"{columns.Length} columns were given but these co-moments have {Dimensions} dimensions.", nameof(columns));
        }

        foreach (var column in columns)
        {
            if (start < 0 || start > end || column is null || end > column.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(end), $"rows {start} to {end} are not all in every column; give columns of at least {end} rows.");
            }
        }
    }

    // Row `row` of the columns into _row.
    private void Gather(double[][] columns, int row)
    {
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

    public CoMomentsState ToState()
    {
        var triangle = new double[Dimensions * (Dimensions + 1) / 2];
        for (var (i, at) = (0, 0); i < Dimensions; at += Dimensions - i, i++)
        {
            _c.AsSpan(_rowStarts[i], Dimensions - i).CopyTo(triangle.AsSpan(at));
        }

        return new(Dimensions, Count, Skipped, (double[])_mean.Clone(), triangle);
    }

    /// <summary>Restores a state made by <see cref="ToState"/>; throws an <see cref="ArgumentException"/> naming the first field that cannot be right.</summary>
    public static CoMoments FromState(CoMomentsState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.Check();
        var result = new CoMoments(state.Dimensions) { Count = state.Count, Skipped = state.Skipped };
        state.Mean.CopyTo(result._mean, 0);
        for (var (i, at) = (0, 0); i < state.Dimensions; at += state.Dimensions - i, i++)
        {
            state.CoMoments.AsSpan(at, state.Dimensions - i).CopyTo(result._c.AsSpan(result._rowStarts[i]));
        }

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

    // The width of a block row of deltas: the dimensions padded to whole vectors, and one vector more, zeros, for the last vectors of C's
    // rows, which reach up to three places past the last dimension.
    private int Stride => Padded(Dimensions) + Vector256<double>.Count;

    private static int Padded(int length) => (length + Vector256<double>.Count - 1) / Vector256<double>.Count * Vector256<double>.Count;

    // One row x of finite values, Count already counting it (≥ 2): δ = x − old mean, mean += δ / n, and the two factors of its term of C,
    // C += (n−1)/n · δδᵀ (the same as δ(x − new mean)ᵀ, but symmetric term by term): a = δ · (n−1)/n into scaled, δ into deltas (whose
    // padding stays 0). Each vector lane is the scalar step's own IEEE operation on the same operands in the same order (no fused
    // multiply-add), so the state is bit for bit that of the one-value-at-a-time loop.
    private void Step(ref double x, Span<double> deltas, Span<double> scaled)
    {
        var (wide, pair, odd) = Blocks;
        ref var mean = ref MemoryMarshal.GetArrayDataReference(_mean);
        ref var delta = ref MemoryMarshal.GetReference(deltas);
        ref var a = ref MemoryMarshal.GetReference(scaled);
        var n = (double)Count;
        var scale = (n - 1) / n;
        var i = 0;
        for (; i < wide; i += Vector256<double>.Count)
        {
            var m = Vector256.LoadUnsafe(ref mean, (nuint)i);
            var d = Vector256.LoadUnsafe(ref x, (nuint)i) - m;
            d.StoreUnsafe(ref delta, (nuint)i);
            (d * Vector256.Create(scale)).StoreUnsafe(ref a, (nuint)i);
            (m + (d / Vector256.Create(n))).StoreUnsafe(ref mean, (nuint)i);
        }

        if (pair)
        {
            var m = Vector128.LoadUnsafe(ref mean, (nuint)i);
            var d = Vector128.LoadUnsafe(ref x, (nuint)i) - m;
            d.StoreUnsafe(ref delta, (nuint)i);
            (d * Vector128.Create(scale)).StoreUnsafe(ref a, (nuint)i);
            (m + (d / Vector128.Create(n))).StoreUnsafe(ref mean, (nuint)i);
            i += Vector128<double>.Count;
        }

        if (odd)
        {
            var d = Unsafe.Add(ref x, i) - Unsafe.Add(ref mean, i);
            Unsafe.Add(ref delta, i) = d;
            Unsafe.Add(ref a, i) = d * scale;
            Unsafe.Add(ref mean, i) += d / n;
        }
    }

    // C += a_r δ_rᵀ for the block's rows r in order, four vectors of C at a time held in registers across the rows: each value of C still
    // takes every row's product a_i · δ_j, rounded, then added, in the order of the rows.
    private void AddOuter(ReadOnlySpan<double> deltas, ReadOnlySpan<double> scaled, int rows)
    {
        var (stride, d) = (Stride, Dimensions);
        ref var c = ref MemoryMarshal.GetArrayDataReference(_c);
        ref var delta = ref MemoryMarshal.GetReference(deltas);
        ref var a = ref MemoryMarshal.GetReference(scaled);
        var chunks = _chunks;
        var t = 0;
        for (; t + 12 <= chunks.Length; t += 12)
        {
            var (i0, j0, at0) = (chunks[t], chunks[t + 1], chunks[t + 2]);
            var (i1, j1, at1) = (chunks[t + 3], chunks[t + 4], chunks[t + 5]);
            var (i2, j2, at2) = (chunks[t + 6], chunks[t + 7], chunks[t + 8]);
            var (i3, j3, at3) = (chunks[t + 9], chunks[t + 10], chunks[t + 11]);
            var c0 = Vector256.LoadUnsafe(ref c, (nuint)at0);
            var c1 = Vector256.LoadUnsafe(ref c, (nuint)at1);
            var c2 = Vector256.LoadUnsafe(ref c, (nuint)at2);
            var c3 = Vector256.LoadUnsafe(ref c, (nuint)at3);
            for (var r = 0; r < rows; r++)
            {
                ref var dr = ref Unsafe.Add(ref delta, r * stride);
                ref var ar = ref Unsafe.Add(ref a, r * d);
                c0 += Vector256.Create(Unsafe.Add(ref ar, i0)) * Vector256.LoadUnsafe(ref dr, (nuint)j0);
                c1 += Vector256.Create(Unsafe.Add(ref ar, i1)) * Vector256.LoadUnsafe(ref dr, (nuint)j1);
                c2 += Vector256.Create(Unsafe.Add(ref ar, i2)) * Vector256.LoadUnsafe(ref dr, (nuint)j2);
                c3 += Vector256.Create(Unsafe.Add(ref ar, i3)) * Vector256.LoadUnsafe(ref dr, (nuint)j3);
            }

            c0.StoreUnsafe(ref c, (nuint)at0);
            c1.StoreUnsafe(ref c, (nuint)at1);
            c2.StoreUnsafe(ref c, (nuint)at2);
            c3.StoreUnsafe(ref c, (nuint)at3);
        }

        for (; t < chunks.Length; t += 3)
        {
            var (i0, j0, at0) = (chunks[t], chunks[t + 1], chunks[t + 2]);
            var c0 = Vector256.LoadUnsafe(ref c, (nuint)at0);
            for (var r = 0; r < rows; r++)
            {
                c0 += Vector256.Create(Unsafe.Add(ref a, (r * d) + i0)) * Vector256.LoadUnsafe(ref Unsafe.Add(ref delta, r * stride), (nuint)j0);
            }

            c0.StoreUnsafe(ref c, (nuint)at0);
        }
    }

    /// <summary>Position of (i, j), i ≤ j, in the padded upper triangle.</summary>
    internal int Index(int i, int j) => _rowStarts[i] + (j - i);

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
