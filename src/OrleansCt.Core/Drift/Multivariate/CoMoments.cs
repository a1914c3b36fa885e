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

        foreach (var x in row)
        {
            if (!double.IsFinite(x))
            {
                Skipped++;
                return;
            }
        }

        Count++;
        if (Count == 1)
        {
            row.CopyTo(_mean);
            return;
        }

        // C += (n−1)/n · δδᵀ with δ = x − old mean: the same as δ(x − new mean)ᵀ, but symmetric term by term.
        var mean = _mean.AsSpan(0, row.Length);
        var delta = _delta.AsSpan(0, row.Length);
        var n = (double)Count;
        for (var i = 0; i < row.Length; i++)
        {
            delta[i] = row[i] - mean[i];
            mean[i] += delta[i] / n;
        }

        AddOuterDelta((n - 1) / n);
    }

    /// <summary>Adds row <paramref name="row"/> of columnar data, columns[f][row] being dimension f, without building the row.</summary>
    public void Add(double[][] columns, int row)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Length != Dimensions)
        {
            throw new ArgumentException($"{columns.Length} columns were given but these co-moments have {Dimensions} dimensions.", nameof(columns));
        }

        for (var f = 0; f < Dimensions; f++)
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
