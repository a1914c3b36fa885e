namespace OrleansCt.Core.Drift.Statistics;

/// <summary>Hellinger distance (drift-statistics.md): sqrt(Σ(√p−√q)²)/√2, in [0, 1] (field hellinger).</summary>
public static class Hellinger
{
    public static double Distance(IReadOnlyList<double> p, IReadOnlyList<double> q)
    {
        ShareVectors.Check(p, q);
        var sum = 0.0;
        for (var i = 0; i < p.Count; i++)
        {
            var d = Math.Sqrt(p[i]) - Math.Sqrt(q[i]);
            sum += d * d;
        }

        return Math.Sqrt(sum) / Math.Sqrt(2);
    }
}
