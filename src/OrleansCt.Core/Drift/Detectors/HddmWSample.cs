namespace OrleansCt.Core.Drift.Detectors;

/// <summary>An exponentially weighted mean with its independent bound condition ibc = λ² + (1−λ)²·ibc, the sample summary of HDDM-W (Frías-Blanco et al., 2014).</summary>
internal struct HddmWSample(double lambda)
{
    /// <summary>A sample restored from a state.</summary>
    public HddmWSample(double lambda, double ewma, double ibc, bool isInitialized)
        : this(lambda) => (Ewma, Ibc, IsInitialized) = (ewma, ibc, isInitialized);

    public double Ewma { get; private set; }

    public double Ibc { get; private set; } = 1.0;

    public bool IsInitialized { get; private set; }

    public void Update(double x)
    {
        // The weighted mean starts at the first value (River's stats.EWMean), not at 0.
        Ewma = IsInitialized ? (lambda * x) + ((1 - lambda) * Ewma) : x;
        IsInitialized = true;
        Ibc = (lambda * lambda) + ((1 - lambda) * (1 - lambda) * Ibc);
    }
}
