using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace OrleansCt.Core.Sketches;

/// <summary>
/// Counts numbers in bins fixed by the reference: edges e_1 &lt; … &lt; e_m give m + 1 bins, underflow (&lt; e_1), [e_i, e_i+1) and
/// overflow (≥ e_m); NaN is missing.
/// </summary>
public sealed class NumericHistogram : FixedHistogram
{
    // Up to this many thresholds (−∞ and 63 edges) a column is counted threshold by threshold; above, value by value through Bin.
    private const int MaxCountedThresholds = 64;

    private readonly double[] _edges;

    // The edges padded with NaN to a whole number of vectors: NaN is never at or below x, so it counts for no bin (see Bin).
    private readonly double[] _paddedEdges;

    // −∞ and then the edges, padded with NaN to a whole number of vectors: the thresholds that a column is counted against (see AddByEdges).
    private readonly double[] _thresholds;

    /// <summary>A histogram over strictly ascending finite edges (none gives a single bin).</summary>
    public NumericHistogram(IReadOnlyList<double> edges)
        : this(Checked(edges), null, 0)
    {
    }

    private NumericHistogram(double[] edges, long[]? counts, long missing)
        : base(counts ?? new long[edges.Length + 1], missing)
    {
        _edges = edges;
        _paddedEdges = Pad(edges);
        _thresholds = Pad([double.NegativeInfinity, .. edges]);
    }

    // Bins are immutable, so copies share them: a bucket's histogram costs only its counts.
    private NumericHistogram(NumericHistogram bins)
        : base(new long[bins.Bins.Length], 0)
    {
        _edges = bins._edges;
        _paddedEdges = bins._paddedEdges;
        _thresholds = bins._thresholds;
    }

    /// <summary>Edges, ascending.</summary>
    public IReadOnlyList<double> Edges => _edges;

    /// <summary>Bins from a reference: edges at its quantiles i/bins for i = 1..bins-1, repeated edges dropped (so a point mass keeps one bin).</summary>
    public static NumericHistogram FromQuantiles(QuantileSketch reference, int bins)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        if (reference.Count == 0)
        {
            throw new ArgumentException("the reference sketch is empty, so it has no quantiles to put edges at; set a reference with values.", nameof(reference));
        }

        var edges = new List<double>(bins - 1);
        for (var i = 1; i < bins; i++)
        {
            var edge = reference.Quantile((double)i / bins);
            if (edges.Count == 0 || edge > edges[^1])
            {
                edges.Add(edge);
            }
        }

        return new NumericHistogram(edges);
    }

    /// <summary>Counts one value; NaN is missing, -∞ underflows and +∞ overflows.</summary>
    public void Add(double x)
    {
        if (double.IsNaN(x))
        {
            Missing++;
            return;
        }

        Bins[Bin(x)]++;
        Counted++;
    }

    /// <summary>Counts a column of values in order, as <see cref="Add(double)"/> on each does.</summary>
    public void Add(ReadOnlySpan<double> values)
    {
        if (Vector256.IsHardwareAccelerated && _thresholds.Length <= MaxCountedThresholds && values.Length >= Vector256<double>.Count)
        {
            var whole = values.Length & ~(Vector256<double>.Count - 1);
            AddByThresholds(values[..whole]);
            values = values[whole..];
        }

        var missing = 0L;
        var counts = Bins;
        foreach (var x in values)
        {
            if (double.IsNaN(x))
            {
                missing++;
                continue;
            }

            counts[Bin(x)]++;
        }

        Missing += missing;
        Counted += values.Length - missing;
    }

    public override FixedHistogramState ToState() => new(false, (double[])_edges.Clone(), [], (long[])Bins.Clone(), Missing);

    /// <summary>A histogram with the same bins and nothing counted.</summary>
    public override NumericHistogram EmptyCopy() => new(this);

    /// <summary>Restores a numeric state made by <see cref="ToState"/>; throws an <see cref="ArgumentException"/> naming the first field that cannot be right.</summary>
    public static new NumericHistogram FromState(FixedHistogramState state)
    {
        CheckPresent(state);
        if (state.IsCategorical || state.Categories.Length > 0)
        {
            Reject(state.IsCategorical ? "a numeric histogram is not categorical" : "a numeric histogram has no Categories");
        }

        if (EdgeProblem(state.Edges) is { } problem)
        {
            Reject(problem);
        }

        var counts = CheckedCounts(state, state.Edges.Length + 1);
        return new NumericHistogram((double[])state.Edges.Clone(), counts, state.Missing) { Counted = counts.Sum() };
    }

    private protected override string? Mismatch(FixedHistogram other)
    {
        if (other is not NumericHistogram numeric)
        {
            return "one is numeric and the other categorical";
        }

        if (_edges.Length != numeric._edges.Length)
        {
            return $"{_edges.Length} edges against {numeric._edges.Length}";
        }

        for (var i = 0; i < _edges.Length; i++)
        {
            if (BitConverter.DoubleToInt64Bits(_edges[i]) != BitConverter.DoubleToInt64Bits(numeric._edges[i]))
            {
                return $"edge {i} is {_edges[i]:R} against {numeric._edges[i]:R}";
            }
        }

        return null;
    }

    // A column of whole vectors counted against the thresholds t_0 = −∞ < t_1 = e_1 < … < t_m = e_m instead of binned value by value: with
    // G_i the number of values at or above t_i (NaN is at or above none, every other value at or above −∞), the bin of x is the number of
    // edges at or below it, so bin i holds G_i − G_(i+1) values (G_(m+1) = 0), and G_0 values are not missing. The same integer counts as
    // Bin on each value, four values per comparison and no store per value.
    private void AddByThresholds(ReadOnlySpan<double> values)
    {
        var thresholds = _thresholds;
        Span<long> atOrAbove = stackalloc long[thresholds.Length + 1];
        ref var first = ref MemoryMarshal.GetReference(values);
        var length = (nuint)values.Length;
        for (var t = 0; t < thresholds.Length; t += Vector256<double>.Count)
        {
            var (t0, t1, t2, t3) = (Vector256.Create(thresholds[t]), Vector256.Create(thresholds[t + 1]), Vector256.Create(thresholds[t + 2]), Vector256.Create(thresholds[t + 3]));
            var (g0, g1, g2, g3) = (Vector256<long>.Zero, Vector256<long>.Zero, Vector256<long>.Zero, Vector256<long>.Zero);
            for (nuint i = 0; i < length; i += (nuint)Vector256<double>.Count)
            {
                // A true lane is all ones, that is −1 as a long.
                var x = Vector256.LoadUnsafe(ref first, i);
                g0 -= Vector256.LessThanOrEqual(t0, x).AsInt64();
                g1 -= Vector256.LessThanOrEqual(t1, x).AsInt64();
                g2 -= Vector256.LessThanOrEqual(t2, x).AsInt64();
                g3 -= Vector256.LessThanOrEqual(t3, x).AsInt64();
            }

            (atOrAbove[t], atOrAbove[t + 1], atOrAbove[t + 2], atOrAbove[t + 3]) = (Vector256.Sum(g0), Vector256.Sum(g1), Vector256.Sum(g2), Vector256.Sum(g3));
        }

        var counts = Bins;
        for (var i = 0; i < counts.Length; i++)
        {
            // Past the last edge come the padding (NaN) thresholds, which count nothing, or the zero after them.
            counts[i] += atOrAbove[i] - atOrAbove[i + 1];
        }

        Counted += atOrAbove[0];
        Missing += values.Length - atOrAbove[0];
    }

    // The bin of x (not NaN) is the number of edges at or below it: underflow 0, overflow Edges.Count. Up to 64 edges (the usual 9 or so),
    // the edges are compared four at a time without a branch per edge; above, a binary search.
    private int Bin(double x)
    {
        var edges = _paddedEdges;
        if (edges.Length <= 64 && Vector256.IsHardwareAccelerated)
        {
            var bin = 0;
            var point = Vector256.Create(x);
            ref var first = ref MemoryMarshal.GetArrayDataReference(edges);
            for (var i = 0; i < edges.Length; i += Vector256<double>.Count)
            {
                var atOrBelow = Vector256.LessThanOrEqual(Vector256.LoadUnsafe(ref first, (nuint)i), point);
                bin += BitOperations.PopCount(atOrBelow.ExtractMostSignificantBits());
            }

            return bin;
        }

        return BinEdges.CountAtOrBelow(_edges, x);
    }

    private static double[] Pad(double[] edges)
    {
        var padded = new double[(edges.Length + Vector256<double>.Count - 1) / Vector256<double>.Count * Vector256<double>.Count];
        padded.AsSpan().Fill(double.NaN);
        edges.CopyTo(padded, 0);
        return padded;
    }

    private static double[] Checked(IReadOnlyList<double> edges)
    {
        ArgumentNullException.ThrowIfNull(edges);
        var copy = edges.ToArray();
        if (EdgeProblem(copy) is { } problem)
        {
            throw new ArgumentException($"{problem}; give strictly ascending finite edges.", nameof(edges));
        }

        return copy;
    }

    private static string? EdgeProblem(double[] edges)
    {
        for (var i = 0; i < edges.Length; i++)
        {
            if (!double.IsFinite(edges[i]))
            {
                return $"edge {i} is {edges[i]}, not a finite number";
            }

            if (i > 0 && !(edges[i] > edges[i - 1]))
            {
                return $"edge {i} ({edges[i]:R}) is not above edge {i - 1} ({edges[i - 1]:R})";
            }
        }

        return null;
    }
}
