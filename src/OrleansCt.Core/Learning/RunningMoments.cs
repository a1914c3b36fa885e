namespace OrleansCt.Core.Learning;

/// <summary>Running count, mean and sum of squared deviations of several streams (Welford, 1962).</summary>
internal sealed class RunningMoments
{
    public RunningMoments(int streams)
        : this(new long[streams], new double[streams], new double[streams])
    {
    }

    public RunningMoments(long[] counts, double[] means, double[] m2)
    {
        Counts = counts;
        Means = means;
        M2 = m2;
        Scales = new double[counts.Length];
        for (var i = 0; i < counts.Length; i++)
        {
            Scales[i] = Scale(counts[i], m2[i]);
        }
    }

    public long[] Counts { get; }

    public double[] Means { get; }

    public double[] M2 { get; }

    /// <summary>Population standard deviation of each stream; 0 until two different values were seen.</summary>
    public double[] Scales { get; }

    public int Length => Counts.Length;

    /// <summary>(x - mean) / sd, or 0 while the stream has no spread: an unscaled deviation would dwarf the other inputs.</summary>
    public double Standardize(int i, double x)
    {
        var scale = Scales[i];
        return scale > 0 ? (x - Means[i]) / scale : 0.0;
    }

    public void Add(int i, double x)
    {
        (Counts[i], Means[i], M2[i]) = Next(Counts[i], Means[i], M2[i], x);
        Scales[i] = Scale(Counts[i], M2[i]);
    }

    public RunningMoments Clone() => new((long[])Counts.Clone(), (double[])Means.Clone(), (double[])M2.Clone());

    /// <summary>One Welford step: the moments after adding x.</summary>
    public static (long Count, double Mean, double M2) Next(long count, double mean, double m2, double x)
    {
        var n = count + 1;
        var delta = x - mean;
        var newMean = mean + (delta / n);
        return (n, newMean, m2 + (delta * (x - newMean)));
    }

    public static double Scale(long count, double m2) => count > 0 && m2 > 0 ? Math.Sqrt(m2 / count) : 0.0;
}
