using System.Security.Cryptography;
using OrleansCt.Core.Drift.Statistics;

namespace OrleansCt.Core.Drift.Detectors;

/// <summary>KSWIN, Kolmogorov-Smirnov windowing (Raab, Heusinger and Schleif, 2020), as River's drift.KSWIN; definition in tests/reference/drift-detectors.md.</summary>
public sealed class Kswin : IDriftDetector, IStateImport
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
        if (statSize > KolmogorovSmirnov.MaxAutoN)
        {
            // scipy's "auto" switches to the asymptotic distribution above this size; that branch is not implemented.
            throw new ArgumentException($"stat_size must be at most {KolmogorovSmirnov.MaxAutoN}, got {statSize}.", "stat_size");
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
    public long EffectiveSeed { get; private set; }

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

    public string ExportState()
    {
        var window = new double[_count];
        for (var i = 0; i < _count; i++)
        {
            window[i] = At(i);
        }

        var (mt, index) = _random.GetState();
        return DetectorState.Write(new KswinState(Name, DetectorState.Version, DriftDetected, PValue, EffectiveSeed, window, new MersenneTwisterState(mt, index)));
    }

    void IStateImport.ImportState(string state)
    {
        var s = DetectorState.Read<KswinState>(Name, state);
        DetectorState.Check(s.Window.Length <= WindowSize, Name, $"its window holds {s.Window.Length} values, more than window_size ({WindowSize})");
        DetectorState.Check(Seed is null || s.EffectiveSeed == Seed, Name, $"its seed {s.EffectiveSeed} differs from the seed parameter {Seed}");
        DetectorState.Check(s.Random.Mt.Length == PythonRandom.StateWords, Name, $"its random state has {s.Random.Mt.Length} words, not {PythonRandom.StateWords}");
        DetectorState.Check(s.Random.Index is >= 0 and <= PythonRandom.StateWords, Name, $"its random index {s.Random.Index} is outside 0..{PythonRandom.StateWords}");
        Array.Clear(_window);
        Array.Copy(s.Window, _window, s.Window.Length);
        (_start, _count) = (0, s.Window.Length);
        _random = PythonRandom.FromState(s.Random.Mt, s.Random.Index);
        (EffectiveSeed, PValue, DriftDetected) = (s.EffectiveSeed, s.PValue, s.DriftDetected);
    }

    private const string Name = "kswin";

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

internal sealed record MersenneTwisterState(uint[] Mt, int Index);

internal sealed record KswinState(string Detector, int Version, bool DriftDetected, double PValue, long EffectiveSeed, double[] Window, MersenneTwisterState Random);
