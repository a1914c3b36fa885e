using System.Diagnostics.CodeAnalysis;

namespace OrleansCt.Core.Sketches;

/// <summary>
/// Counts in bins fixed when the reference is set (drift-statistics.md, "Binning for a stream"): the part that a
/// <see cref="NumericHistogram"/> and a <see cref="CategoricalHistogram"/> share (counts, missing, merging, state). Missing apart.
/// </summary>
public abstract class FixedHistogram
{
    // Only the two histograms of this assembly derive, so a FixedHistogram is always one of them.
    private protected FixedHistogram(long[] counts, long missing)
    {
        Bins = counts;
        Missing = missing;
    }

    /// <summary>Count per bin: underflow, between edges, overflow; or one per category, then unseen.</summary>
    public IReadOnlyList<long> Counts => Bins;

    /// <summary>Missing values (NaN or null) seen.</summary>
    public long Missing { get; private protected set; }

    /// <summary>Every value added, missing included.</summary>
    public long Total => Counted + Missing;

    /// <summary>Non-missing values, the sum of <see cref="Counts"/>.</summary>
    public long Counted { get; private protected set; }

    /// <summary>The counts themselves, for the adds of the derived histograms.</summary>
    private protected long[] Bins { get; }

    /// <summary>Folds <paramref name="other"/> into this one; both must have the same edges or categories, bit for bit.</summary>
    public void Merge(FixedHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Mismatch(other) is { } mismatch)
        {
            throw new ArgumentException($"cannot merge histograms with different bins: {mismatch}; merge only histograms built from the same reference.", nameof(other));
        }

        var counts = Bins;
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] += other.Bins[i];
        }

        Missing += other.Missing;
        Counted += other.Counted;
    }

    /// <summary>Each bin's share of the non-missing values; NaN in every bin while there are none (no distribution to compare).</summary>
    public double[] Shares()
    {
        var shares = new double[Bins.Length];
        for (var i = 0; i < shares.Length; i++)
        {
            shares[i] = Counted > 0 ? (double)Bins[i] / Counted : double.NaN;
        }

        return shares;
    }

    public abstract FixedHistogramState ToState();

    /// <summary>A histogram with the same bins and nothing counted.</summary>
    public abstract FixedHistogram EmptyCopy();

    /// <summary>Restores a state made by <see cref="ToState"/>, numeric or categorical as the state says; throws an <see cref="ArgumentException"/> naming the first field that cannot be right.</summary>
    public static FixedHistogram FromState(FixedHistogramState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.IsCategorical ? CategoricalHistogram.FromState(state) : NumericHistogram.FromState(state);
    }

    /// <summary>Why <paramref name="other"/> does not have the same bins as this one; null when it does.</summary>
    private protected abstract string? Mismatch(FixedHistogram other);

    /// <summary>The first check a state of either kind must pass, before its bins are looked at.</summary>
    private protected static void CheckPresent(FixedHistogramState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Edges is null || state.Categories is null || state.Counts is null)
        {
            Reject("Edges, Categories and Counts must all be present (empty where unused)");
        }
    }

    /// <summary>The last checks a state of either kind must pass, once its bins are known good; returns a copy of its counts.</summary>
    private protected static long[] CheckedCounts(FixedHistogramState state, int bins)
    {
        if (state.Counts.Length != bins)
        {
            Reject($"Counts has {state.Counts.Length} bins but the edges or categories make {bins}");
        }

        if (state.Counts.Any(c => c < 0) || state.Missing < 0)
        {
            Reject("Counts and Missing cannot be negative");
        }

        return (long[])state.Counts.Clone();
    }

    [DoesNotReturn]
    private protected static void Reject(string message) =>
        throw new ArgumentException($"FixedHistogram state is not valid: {message}; restore a state made by ToState.", "state");
}
