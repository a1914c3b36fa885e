using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace OrleansCt.Core.Sketches;

/// <summary>
/// Counts in bins fixed when the reference is set (drift-statistics.md, "Binning for a stream"): numeric edges e_1 &lt; … &lt; e_m give
/// m + 1 bins, underflow (&lt; e_1), [e_i, e_i+1) and overflow (≥ e_m); or the reference categories plus one "unseen" bin. Missing apart.
/// </summary>
public sealed class FixedHistogram
{
    private readonly double[] _edges;

    // The edges padded with NaN to a whole number of vectors: NaN is never at or below x, so it counts for no bin (see Bin).
    private readonly double[] _paddedEdges;

    // −∞ and then the edges, padded with NaN to a whole number of vectors: the thresholds that a column is counted against (see AddByEdges).
    private readonly double[] _thresholds;
    private readonly string[] _categories;
    private readonly Dictionary<string, int>? _categoryBins;
    private readonly long[] _counts;

    private FixedHistogram(bool isCategorical, double[] edges, string[] categories, long[] counts, long missing)
    {
        IsCategorical = isCategorical;
        _edges = edges;
        _paddedEdges = Pad(edges);
        _thresholds = Pad([double.NegativeInfinity, .. edges]);
        _categories = categories;
        _counts = counts;
        Missing = missing;
        if (isCategorical)
        {
            _categoryBins = new Dictionary<string, int>(categories.Length, StringComparer.Ordinal);
            for (var i = 0; i < categories.Length; i++)
            {
                _categoryBins.Add(categories[i], i);
            }
        }
    }

    // Bins are immutable, so copies share them: a bucket's histogram costs only its counts.
    private FixedHistogram(FixedHistogram bins)
    {
        IsCategorical = bins.IsCategorical;
        _edges = bins._edges;
        _paddedEdges = bins._paddedEdges;
        _thresholds = bins._thresholds;
        _categories = bins._categories;
        _categoryBins = bins._categoryBins;
        _counts = new long[bins._counts.Length];
    }

    public bool IsCategorical { get; }

    /// <summary>Numeric edges, ascending; empty when categorical.</summary>
    public IReadOnlyList<double> Edges => _edges;

    /// <summary>Reference categories in bin order; empty when numeric.</summary>
    public IReadOnlyList<string> Categories => _categories;

    /// <summary>Count per bin: underflow, between edges, overflow; or one per category, then unseen.</summary>
    public IReadOnlyList<long> Counts => _counts;

    /// <summary>Missing values (NaN or null) seen.</summary>
    public long Missing { get; private set; }

    /// <summary>Every value added, missing included.</summary>
    public long Total => Counted + Missing;

    /// <summary>Non-missing values, the sum of <see cref="Counts"/>.</summary>
    public long Counted { get; private set; }

    /// <summary>A numeric histogram over strictly ascending finite edges (none gives a single bin).</summary>
    public static FixedHistogram Numeric(IReadOnlyList<double> edges)
    {
        ArgumentNullException.ThrowIfNull(edges);
        var copy = edges.ToArray();
        if (EdgeProblem(copy) is { } problem)
        {
            throw new ArgumentException($"{problem}; give strictly ascending finite edges.", nameof(edges));
        }

        return new FixedHistogram(false, copy, [], new long[copy.Length + 1], 0);
    }

    /// <summary>A categorical histogram: one bin per reference category (distinct, not null) and a last "unseen" bin.</summary>
    public static FixedHistogram FromCategories(IReadOnlyList<string> categories)
    {
        ArgumentNullException.ThrowIfNull(categories);
        var copy = categories.ToArray();
        if (CategoryProblem(copy) is { } problem)
        {
            throw new ArgumentException($"{problem}; give distinct, non-null reference categories.", nameof(categories));
        }

        return new FixedHistogram(true, [], copy, new long[copy.Length + 1], 0);
    }

    /// <summary>Numeric bins from a reference: edges at its quantiles i/bins for i = 1..bins-1, repeated edges dropped (so a point mass keeps one bin).</summary>
    public static FixedHistogram FromQuantiles(QuantileSketch reference, int bins)
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

        return Numeric(edges);
    }

    /// <summary>Counts one numeric value; NaN is missing, -∞ underflows and +∞ overflows.</summary>
    public void Add(double x)
    {
        if (IsCategorical)
        {
            throw new InvalidOperationException("this histogram bins categories; add strings to it, or build a numeric one with Numeric or FromQuantiles.");
        }

        if (double.IsNaN(x))
        {
            Missing++;
            return;
        }

        _counts[Bin(x)]++;
        Counted++;
    }

    /// <summary>Counts a column of numeric values in order, as <see cref="Add(double)"/> on each does.</summary>
    public void Add(ReadOnlySpan<double> values)
    {
        if (IsCategorical)
        {
            throw new InvalidOperationException("this histogram bins categories; add strings to it, or build a numeric one with Numeric or FromQuantiles.");
        }

        if (Vector256.IsHardwareAccelerated && _thresholds.Length <= MaxCountedThresholds && values.Length >= Vector256<double>.Count)
        {
            var whole = values.Length & ~(Vector256<double>.Count - 1);
            AddByThresholds(values[..whole]);
            values = values[whole..];
        }

        var missing = 0L;
        var counts = _counts;
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

    // Up to this many thresholds (−∞ and 63 edges) a column is counted threshold by threshold; above, value by value through Bin.
    private const int MaxCountedThresholds = 64;

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

        var counts = _counts;
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

        var (lo, hi) = (0, _edges.Length);
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_edges[mid] <= x)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static double[] Pad(double[] edges)
    {
        var padded = new double[(edges.Length + Vector256<double>.Count - 1) / Vector256<double>.Count * Vector256<double>.Count];
        padded.AsSpan().Fill(double.NaN);
        edges.CopyTo(padded, 0);
        return padded;
    }

    /// <summary>Counts one category; null is missing and a category outside the reference goes to the unseen bin.</summary>
    public void Add(string? value)
    {
        if (_categoryBins is null)
        {
            throw new InvalidOperationException("this histogram bins numbers; add doubles to it, or build a categorical one with FromCategories.");
        }

        if (value is null)
        {
            Missing++;
            return;
        }

        _counts[_categoryBins.TryGetValue(value, out var bin) ? bin : _categories.Length]++;
        Counted++;
    }

    /// <summary>Counts <paramref name="count"/> values equal to the category <paramref name="value"/>, as that many <see cref="Add(string?)"/> of it.</summary>
    public void Add(string? value, long count)
    {
        if (_categoryBins is null)
        {
            throw new InvalidOperationException("this histogram bins numbers; add doubles to it, or build a categorical one with FromCategories.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (value is null)
        {
            Missing += count;
            return;
        }

        _counts[_categoryBins.TryGetValue(value, out var bin) ? bin : _categories.Length] += count;
        Counted += count;
    }

    /// <summary>Folds <paramref name="other"/> into this one; both must have the same edges or categories, bit for bit.</summary>
    public void Merge(FixedHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Mismatch(other) is { } mismatch)
        {
            throw new ArgumentException($"cannot merge histograms with different bins: {mismatch}; merge only histograms built from the same reference.", nameof(other));
        }

        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Missing += other.Missing;
        Counted += other.Counted;
    }

    /// <summary>Each bin's share of the non-missing values; NaN in every bin while there are none (no distribution to compare).</summary>
    public double[] Shares()
    {
        var shares = new double[_counts.Length];
        for (var i = 0; i < shares.Length; i++)
        {
            shares[i] = Counted > 0 ? (double)_counts[i] / Counted : double.NaN;
        }

        return shares;
    }

    public FixedHistogramState ToState() => new(IsCategorical, (double[])_edges.Clone(), (string[])_categories.Clone(), (long[])_counts.Clone(), Missing);

    /// <summary>A histogram with the same bins and nothing counted.</summary>
    public FixedHistogram EmptyCopy() => new(this);

    /// <summary>Restores a state made by <see cref="ToState"/>; throws an <see cref="ArgumentException"/> naming the first field that cannot be right.</summary>
    public static FixedHistogram FromState(FixedHistogramState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Edges is null || state.Categories is null || state.Counts is null)
        {
            Reject("Edges, Categories and Counts must all be present (empty where unused)");
        }

        if (state.IsCategorical ? state.Edges.Length > 0 : state.Categories.Length > 0)
        {
            Reject(state.IsCategorical ? "a categorical histogram has no Edges" : "a numeric histogram has no Categories");
        }

        if ((state.IsCategorical ? CategoryProblem(state.Categories) : EdgeProblem(state.Edges)) is { } problem)
        {
            Reject(problem);
        }

        var bins = (state.IsCategorical ? state.Categories.Length : state.Edges.Length) + 1;
        if (state.Counts.Length != bins)
        {
            Reject($"Counts has {state.Counts.Length} bins but the edges or categories make {bins}");
        }

        if (state.Counts.Any(c => c < 0) || state.Missing < 0)
        {
            Reject("Counts and Missing cannot be negative");
        }

        return new FixedHistogram(state.IsCategorical, (double[])state.Edges.Clone(), (string[])state.Categories.Clone(), (long[])state.Counts.Clone(), state.Missing)
        {
            Counted = state.Counts.Sum(),
        };
    }

    private string? Mismatch(FixedHistogram other)
    {
        if (IsCategorical != other.IsCategorical)
        {
            return $"one is {(IsCategorical ? "categorical" : "numeric")} and the other {(other.IsCategorical ? "categorical" : "numeric")}";
        }

        if (IsCategorical)
        {
            if (_categories.Length != other._categories.Length)
            {
                return $"{_categories.Length} categories against {other._categories.Length}";
            }

            for (var i = 0; i < _categories.Length; i++)
            {
                if (!string.Equals(_categories[i], other._categories[i], StringComparison.Ordinal))
                {
                    return $"category {i} is '{_categories[i]}' against '{other._categories[i]}'";
                }
            }

            return null;
        }

        if (_edges.Length != other._edges.Length)
        {
            return $"{_edges.Length} edges against {other._edges.Length}";
        }

        for (var i = 0; i < _edges.Length; i++)
        {
            if (BitConverter.DoubleToInt64Bits(_edges[i]) != BitConverter.DoubleToInt64Bits(other._edges[i]))
            {
                return $"edge {i} is {_edges[i]:R} against {other._edges[i]:R}";
            }
        }

        return null;
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

    private static string? CategoryProblem(string[] categories)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < categories.Length; i++)
        {
            if (categories[i] is null)
            {
                return $"category {i} is null";
            }

            if (!seen.Add(categories[i]))
            {
                return $"category {i} ('{categories[i]}') is repeated";
            }
        }

        return null;
    }

    [DoesNotReturn]
    private static void Reject(string message) =>
        throw new ArgumentException($"FixedHistogram state is not valid: {message}; restore a state made by ToState.", "state");
}
