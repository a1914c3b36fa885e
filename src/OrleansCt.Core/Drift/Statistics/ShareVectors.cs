namespace OrleansCt.Core.Drift.Statistics;

/// <summary>Checks that two share vectors (drift-statistics.md: p reference, q current, same bins) can be compared.</summary>
internal static class ShareVectors
{
    public static void Check(IReadOnlyList<double> p, IReadOnlyList<double> q)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(q);
        if (p.Count != q.Count)
        {
            throw new ArgumentException($"the reference has {p.Count} bins and the current {q.Count}; give shares over the same bins.", nameof(q));
        }

        if (p.Count == 0)
        {
            throw new ArgumentException("there are no bins to compare; give at least one share.", nameof(p));
        }

        for (var i = 0; i < p.Count; i++)
        {
            if (!(p[i] >= 0 && double.IsFinite(p[i])) || !(q[i] >= 0 && double.IsFinite(q[i])))
            {
                throw new ArgumentException($"bin {i} has shares {p[i]} and {q[i]}; shares must be finite and non-negative (an empty window gives NaN shares: skip it).", nameof(p));
            }
        }
    }
}
