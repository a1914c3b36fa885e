namespace OrleansCt.Core.Drift.Detectors;

/// <summary>HDDM-A, Hoeffding-bound drift detection on moving averages (Frías-Blanco et al., 2014), as River's drift.binary.HDDMA; definition in tests/reference/drift-detectors.md.</summary>
public sealed class HddmA : IDriftDetector, IStateImport
{
    private RiverMean _z;
    private RiverMean _xMin;
    private RiverMean _xMax;

    public HddmA(double driftConfidence = 0.001, double warningConfidence = 0.005, bool twoSidedTest = false)
    {
        DetectorChecks.Open01(driftConfidence, "drift_confidence");
        DetectorChecks.Open01(warningConfidence, "warning_confidence");
        (DriftConfidence, WarningConfidence, TwoSidedTest) = (driftConfidence, warningConfidence, twoSidedTest);
        Reset();
    }

    public double DriftConfidence { get; }

    public double WarningConfidence { get; }

    /// <summary>Also report decreases of the mean (MOA's default; River's is one-sided).</summary>
    public bool TwoSidedTest { get; }

    public bool DriftDetected { get; private set; }

    public bool WarningDetected { get; private set; }

    public void Update(double x)
    {
        if (DriftDetected)
        {
            Reset();
        }

        _z.Update(x);
        if (_xMin.N == 0)
        {
            _xMin = _z;
        }

        if (_xMax.N == 0)
        {
            _xMax = _z;
        }

        // River bounds the cut points with the drift confidence for both trackers.
        var epsZ = HoeffdingBound(_z.N);
        if (_xMin.Mean + HoeffdingBound(_xMin.N) >= _z.Mean + epsZ)
        {
            _xMin = _z;
        }

        if (_xMax.Mean - HoeffdingBound(_xMax.N) <= _z.Mean - epsZ)
        {
            _xMax = _z;
        }

        (DriftDetected, WarningDetected) = MeanIncreased(DriftConfidence) ? (true, false) : (false, MeanIncreased(WarningConfidence));
        if (TwoSidedTest)
        {
            if (MeanDecreased(DriftConfidence))
            {
                DriftDetected = true;
            }
            else if (MeanDecreased(WarningConfidence))
            {
                WarningDetected = true;
            }
        }
    }

    public string ExportState() => DetectorState.Write(new HddmAState(
        Name, DetectorState.Version, DriftDetected, WarningDetected, MeanState.Of(_z), MeanState.Of(_xMin), MeanState.Of(_xMax)));

    void IStateImport.ImportState(string state)
    {
        var s = DetectorState.Read<HddmAState>(Name, state);
        (_z, _xMin, _xMax) = (s.Z.ToMean(), s.XMin.ToMean(), s.XMax.ToMean());
        (DriftDetected, WarningDetected) = (s.DriftDetected, s.WarningDetected);
    }

    private const string Name = "hddm-a";

    private double HoeffdingBound(double n) => Math.Sqrt(1.0 / (2 * n) * Math.Log(1.0 / DriftConfidence));

    private bool MeanIncreased(double confidence) =>
        _xMin.N != _z.N && _z.Mean - _xMin.Mean >= CutBound(_xMin.N, confidence);

    private bool MeanDecreased(double confidence) =>
        _xMax.N != _z.N && _xMax.Mean - _z.Mean >= CutBound(_xMax.N, confidence);

    private double CutBound(double nCut, double confidence)
    {
        var m = (_z.N - nCut) / nCut * (1.0 / _z.N);
        return Math.Sqrt(m / 2 * Math.Log(2.0 / confidence));
    }

    private void Reset()
    {
        (_z, _xMin, _xMax) = (default, default, default);
        (DriftDetected, WarningDetected) = (false, false);
    }
}

internal sealed record HddmAState(string Detector, int Version, bool DriftDetected, bool WarningDetected, MeanState Z, MeanState XMin, MeanState XMax);
