using System.Security.Cryptography;

namespace OrleansCt.Core.Drift.Detectors;

/// <summary>KSWIN, Kolmogorov-Smirnov windowing (Raab, Heusinger and Schleif, 2020), as River's drift.KSWIN; definition in shared/reference/drift-detectors.md.</summary>
public sealed class Kswin : IDriftDetector
{
    // Ring buffer of the last WindowSize values; _start is the oldest.
    private readonly double[] _window;
    private int _start;
    private int _count;
    private PythonRandom _random = null!;

    /// <param name="seed">Seed of Python's random.Random, so that a seeded run samples exactly as River's; null draws one (River then uses OS entropy), readable from <see cref="EffectiveSeed"/> to replay the run.</param>
    public Kswin(double alpha = 0.005, int windowSize = 100, int statSize = 30, long? seed = null)
    {
        DetectorChecks.Closed01(alpha, "alpha");
        DetectorChecks.AtLeast(statSize, 1, "stat_size");
        if (statSize > KolmogorovSmirnov.MaxExactSize)
        {
            // scipy's "auto" switches to the asymptotic distribution above this size; that branch is not implemented.
            throw new ArgumentException($"stat_size must be at most {KolmogorovSmirnov.MaxExactSize}, got {statSize}.", "stat_size");
        }

        if (windowSize < 2 * statSize)
        {
            // River only asks window_size ≥ stat_size, but then sample() would draw stat_size items from fewer and raise.
            throw new ArgumentException($"window_size must be at least twice stat_size ({2 * statSize}), got {windowSize}.", "window_size");
        }

        (Alpha, WindowSize, StatSize, Seed) = (alpha, windowSize, statSize, seed);
        EffectiveSeed = seed ?? RandomNumberGenerator.GetInt32(int.MaxValue);
        _window = new double[windowSize];
        Reset();
    }

    /// <summary>Significance level of the KS test.</summary>
    public double Alpha { get; }

    public int WindowSize { get; }

    public int StatSize { get; }

    public long? Seed { get; }

    /// <summary>The seed in use: <see cref="Seed"/>, or the one drawn when it was null.</summary>
    public long EffectiveSeed { get; }

    /// <summary>p-value of the last test; 0 before the first, as River.</summary>
    public double PValue { get; private set; }

    public bool DriftDetected { get; private set; }

    public bool WarningDetected => false;

    public void Update(double x)
    {
        if (DriftDetected)
        {
            Reset();
        }

        Append(x);
        DriftDetected = false;
        if (_count < WindowSize)
        {
            return;
        }

        var head = WindowSize - StatSize;
        var positions = _random.SampleRange(head, StatSize);
        var sampled = new double[StatSize];
        for (var i = 0; i < StatSize; i++)
        {
            sampled[i] = At(positions[i]);
        }

        var recent = new double[StatSize];
        for (var i = 0; i < StatSize; i++)
        {
            recent[i] = At(head + i);
        }

        (var statistic, PValue) = KolmogorovSmirnov.TwoSampleEqualSizes(sampled, recent);
        if (PValue <= Alpha && statistic > 0.1)
        {
            DriftDetected = true;

            // River keeps only the recent values until the reset on the next update empties the window anyway.
            Array.Copy(recent, _window, StatSize);
            (_start, _count) = (0, StatSize);
        }
    }

    private double At(int position) => _window[(_start + position) % WindowSize];

    private void Append(double x)
    {
        if (_count < WindowSize)
        {
            _window[(_start + _count) % WindowSize] = x;
            _count++;
            return;
        }

        _window[_start] = x;
        _start = (_start + 1) % WindowSize;
    }

    private void Reset()
    {
        (_start, _count, PValue, DriftDetected) = (0, 0, 0.0, false);

        // River builds a new random.Random(seed) on every reset, so sampling restarts after a drift.
        _random = new PythonRandom(EffectiveSeed);
    }
}
