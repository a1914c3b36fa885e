namespace OrleansCt.Core.Sketches;

/// <summary>What a bucket keeps about one numeric feature: missing (NaN) count, <see cref="Sketches.Moments"/> and a <see cref="QuantileSketch"/> of the rest.</summary>
public sealed class NumericSketch
{
    public NumericSketch(int k = QuantileSketch.DefaultK)
        : this(new Moments(), new QuantileSketch(k), 0)
    {
    }

    private NumericSketch(Moments moments, QuantileSketch quantiles, long missing)
    {
        Moments = moments;
        Quantiles = quantiles;
        Missing = missing;
    }

    /// <summary>Non-missing values seen.</summary>
    public long Count => Moments.Count;

    /// <summary>NaN values seen.</summary>
    public long Missing { get; private set; }

    /// <summary>Moments of the non-missing values; read it, do not add to it (the sketch would lose its balance with <see cref="Quantiles"/>).</summary>
    public Moments Moments { get; }

    /// <summary>Quantiles of the non-missing values; read it, do not add to it.</summary>
    public QuantileSketch Quantiles { get; }

    /// <summary>Adds one value; NaN counts as missing.</summary>
    public void Add(double x)
    {
        if (double.IsNaN(x))
        {
            Missing++;
            return;
        }

        Moments.Add(x);
        Quantiles.Add(x);
    }

    /// <summary>
    /// Adds a column of values in order, NaN as missing: the same sketch, bit for bit, as <see cref="Add(double)"/> on each value in turn,
    /// in one pass that keeps the moments in registers and writes straight into the quantile sketch (the way to feed a batch's column).
    /// </summary>
    public void Add(ReadOnlySpan<double> values)
    {
        var before = Moments.Open();
        var sums = before;
        var missing = Quantiles.AddColumn<QuantileSketch.StepMoments>(values, ref sums);
        Moments.Rescue(ref sums, before, values);
        Moments.Close(sums);
        Missing += missing;
    }

    /// <summary>
    /// Adds columns[i][start .. start + length) to sketches[i] for every i (distinct sketches): each ends bit for bit as after
    /// <see cref="Add(ReadOnlySpan{double})"/> of its own column, with the moments of four columns stepped at once (the way to feed a
    /// batch's numeric columns).
    /// </summary>
    public static void Add(ReadOnlySpan<NumericSketch> sketches, ReadOnlySpan<double[]> columns, int start, int length)
    {
        if (sketches.Length != columns.Length)
        {
            throw new ArgumentException($"{columns.Length} columns were given for {sketches.Length} sketches; give one column per sketch.", nameof(columns));
        }

        for (var i = 0; i < sketches.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(sketches[i], nameof(sketches));
            ArgumentNullException.ThrowIfNull(columns[i], nameof(columns));
            if (start < 0 || length < 0 || start > columns[i].Length - length)
            {
                throw new ArgumentOutOfRangeException(nameof(length), $"rows {start} to {start + length} are not all in column {i}, which has {columns[i].Length}.");
            }

            for (var j = 0; j < i; j++)
            {
                if (ReferenceEquals(sketches[i], sketches[j]))
                {
                    throw new ArgumentException($"sketches {j} and {i} are the same sketch; give each column its own.", nameof(sketches));
                }
            }
        }

        if (!MomentLanes.Fit(sketches, length))
        {
            for (var i = 0; i < sketches.Length; i++)
            {
                sketches[i].Add(columns[i].AsSpan(start, length));
            }

            return;
        }

        MomentLanes.Add(sketches, columns, start, length);
        for (var i = 0; i < sketches.Length; i++)
        {
            var sketch = sketches[i];
            var none = default(Moments.Sums);
            sketch.Missing += sketch.Quantiles.AddColumn<QuantileSketch.SkipMoments>(columns[i].AsSpan(start, length), ref none);
        }
    }

    /// <summary>Folds <paramref name="other"/> into this one.</summary>
    public void Merge(NumericSketch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Quantiles.K > Quantiles.K)
        {
            // Checked first so that a refused merge leaves this sketch as it was.
            throw new ArgumentException($"cannot merge a sketch with k = {other.Quantiles.K} into one with the smaller k = {Quantiles.K}.", nameof(other));
        }

        var otherMissing = other.Missing;
        Quantiles.Merge(other.Quantiles);
        Moments.Merge(other.Moments);
        Missing += otherMissing;
    }

    public NumericSketchState ToState()
    {
        var q = Quantiles.ToState();
        return new NumericSketchState(Missing, Moments.Count, Moments.Mean, Moments.M2, Moments.Min, Moments.Max, q.K, q.Coin, q.LevelSizes, q.Items, q.SamplingLevel, q.BlockPosition, q.BlockChoice, q.Sampled);
    }

    /// <summary>Restores a state made by <see cref="ToState"/>; throws an <see cref="ArgumentException"/> naming the first field that cannot be right.</summary>
    public static NumericSketch FromState(NumericSketchState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Missing < 0)
        {
            throw new ArgumentException($"NumericSketch state is not valid: Missing is {state.Missing}, which is negative; restore a state made by ToState.", nameof(state));
        }

        var moments = Moments.FromState(new MomentsState(state.Count, state.Mean, state.M2, state.Min, state.Max));
        var quantiles = QuantileSketch.FromState(new QuantileSketchState(state.K, state.Count, state.Min, state.Max, state.Coin, state.LevelSizes, state.Items, state.SamplingLevel, state.BlockPosition, state.BlockChoice, state.Sampled));
        return new NumericSketch(moments, quantiles, state.Missing);
    }
}
