namespace OrleansCt.Core.Drift.Detectors;

/// <summary>Page-Hinkley test (Page, 1954) with forgetting factor and minimum tracking, as River's drift.PageHinkley; definition in tests/reference/drift-detectors.md.</summary>
public sealed class PageHinkley : IDriftDetector, IStateImport
{
    private RiverMean _mean;
    private double _sumIncrease;
    private double _sumDecrease;
    private double _minIncrease;
    private double _maxDecrease;

    public PageHinkley(int minInstances = 30, double delta = 0.005, double threshold = 50.0, double alpha = 1 - 0.0001, PageHinkleyMode mode = PageHinkleyMode.Both)
    {
        DetectorChecks.AtLeast(minInstances, 1, "min_instances");
        DetectorChecks.NotNegative(delta, "delta");
        DetectorChecks.NotNegative(threshold, "threshold");
        DetectorChecks.Closed01(alpha, "alpha");
        (MinInstances, Delta, Threshold, Alpha, Mode) = (minInstances, delta, threshold, alpha, mode);
        Reset();
    }

    public int MinInstances { get; }

    public double Delta { get; }

    /// <summary>λ, the detection threshold.</summary>
    public double Threshold { get; }

    /// <summary>Forgetting factor applied to the cumulative sums.</summary>
    public double Alpha { get; }

    public PageHinkleyMode Mode { get; }

    public bool DriftDetected { get; private set; }

    public bool WarningDetected => false;

    /// <summary>S⁺ − min S⁺, the statistic tested for an increase.</summary>
    public double IncreaseStatistic => _sumIncrease - _minIncrease;

    /// <summary>max S⁻ − S⁻, the statistic tested for a decrease.</summary>
    public double DecreaseStatistic => _maxDecrease - _sumDecrease;

    public void Update(double x)
    {
        if (DriftDetected)
        {
            Reset();
        }

        _mean.Update(x);
        var deviation = x - _mean.Mean;
        _sumIncrease = (Alpha * _sumIncrease) + deviation - Delta;
        _sumDecrease = (Alpha * _sumDecrease) + deviation + Delta;
        _minIncrease = Math.Min(_minIncrease, _sumIncrease);
        _maxDecrease = Math.Max(_maxDecrease, _sumDecrease);

        if (_mean.N >= MinInstances)
        {
            var up = IncreaseStatistic > Threshold;
            var down = DecreaseStatistic > Threshold;
            DriftDetected = Mode switch
            {
                PageHinkleyMode.Up => up,
                PageHinkleyMode.Down => down,
                _ => up || down,
            };
        }
    }

    public string ExportState() => DetectorState.Write(new PageHinkleyState(
        Name, DetectorState.Version, DriftDetected, MeanState.Of(_mean), _sumIncrease, _sumDecrease, _minIncrease, _maxDecrease));

    void IStateImport.ImportState(string state)
    {
        var s = DetectorState.Read<PageHinkleyState>(Name, state);
        _mean = s.Mean.ToMean();
        (_sumIncrease, _sumDecrease, _minIncrease, _maxDecrease, DriftDetected) = (s.SumIncrease, s.SumDecrease, s.MinIncrease, s.MaxDecrease, s.DriftDetected);
    }

    private const string Name = "page-hinkley";

    private void Reset()
    {
        _mean = default;
        (_sumIncrease, _sumDecrease) = (0.0, 0.0);

        // −1 as the reference states; S⁻ starts at +δ on the first update, so the start never wins.
        (_minIncrease, _maxDecrease) = (double.PositiveInfinity, -1.0);
        DriftDetected = false;
    }
}

internal sealed record PageHinkleyState(string Detector, int Version, bool DriftDetected, MeanState Mean, double SumIncrease, double SumDecrease, double MinIncrease, double MaxDecrease);
