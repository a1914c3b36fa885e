namespace OrleansCt.Core.Drift.Detectors;

/// <summary>One row of ADWIN's exponential histogram: up to max_buckets + 1 buckets of 2^row items each, oldest first (Bifet and Gavaldà, 2007).</summary>
internal sealed class AdwinBucketRow(int maxBuckets)
{
    private readonly double[] _totals = new double[maxBuckets + 1];
    private readonly double[] _variances = new double[maxBuckets + 1];

    public int Count { get; private set; }

    public double TotalAt(int index) => _totals[index];

    public double VarianceAt(int index) => _variances[index];

    /// <summary>The live buckets' totals and variances, oldest first.</summary>
    public (double[] Totals, double[] Variances) Snapshot() => (_totals[..Count], _variances[..Count]);

    public void Add(double total, double variance)
    {
        _totals[Count] = total;
        _variances[Count] = variance;
        Count++;
    }

    /// <summary>Drops the <paramref name="n"/> oldest buckets.</summary>
    public void RemoveOldest(int n)
    {
        Array.Copy(_totals, n, _totals, 0, _totals.Length - n);
        Array.Copy(_variances, n, _variances, 0, _variances.Length - n);
        Array.Clear(_totals, _totals.Length - n, n);
        Array.Clear(_variances, _variances.Length - n, n);
        Count -= n;
    }
}
