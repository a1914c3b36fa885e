namespace OrleansCt.Core.Drift.Statistics;

/// <summary>L-infinity distance (drift-statistics.md; TFDV's categorical check): max over bins of |p−q| (field lInfinity).</summary>
public static class LInfinity
{
    public static double Distance(IReadOnlyList<double> p, IReadOnlyList<double> q)
    {
        ShareVectors.Check(p, q);
        var max = 0.0;
        for (var i = 0; i < p.Count; i++)
        {
            max = Math.Max(max, Math.Abs(p[i] - q[i]));
        }

        return max;
    }
}
