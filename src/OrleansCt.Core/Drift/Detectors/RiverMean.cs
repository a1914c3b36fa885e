namespace OrleansCt.Core.Drift.Detectors;

/// <summary>Running mean updated as River's stats.Mean does (mean += (x − mean) / n), so detectors that compare means reproduce River's rounding.</summary>
internal struct RiverMean
{
    /// <summary>A mean restored from a state.</summary>
    public RiverMean(double n, double mean) => (N, Mean) = (n, mean);

    public double N { get; private set; }

    public double Mean { get; private set; }

    public void Update(double x)
    {
        N += 1.0;
        Mean += (x - Mean) / N;
    }
}
