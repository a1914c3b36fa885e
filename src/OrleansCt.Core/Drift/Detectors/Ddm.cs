namespace OrleansCt.Core.Drift.Detectors;

/// <summary>DDM, drift detection method (Gama et al., 2004), as River's drift.binary.DDM; definition in tests/reference/drift-detectors.md.</summary>
public sealed class Ddm : IDriftDetector, IStateImport
{
    private RiverMean _p;
    private double _pMin;
    private double _sMin;
    private double _psMin;

    public Ddm(int warmStart = 30, double warningThreshold = 2.0, double driftThreshold = 3.0)
    {
        DetectorChecks.AtLeast(warmStart, 0, "warm_start");
        DetectorChecks.NotNegative(warningThreshold, "warning_threshold");
        DetectorChecks.NotNegative(driftThreshold, "drift_threshold");
        (WarmStart, WarningThreshold, DriftThreshold) = (warmStart, warningThreshold, driftThreshold);
        Reset();
    }

    public int WarmStart { get; }

    public double WarningThreshold { get; }

    public double DriftThreshold { get; }

    public bool DriftDetected { get; private set; }

    public bool WarningDetected { get; private set; }

    /// <summary>Current error rate p.</summary>
    public double ErrorRate => _p.Mean;

    /// <summary>p + s at the minimum seen after the warm start (+∞ before).</summary>
    public double MinimumPPlusS => _psMin;

    public void Update(double x)
    {
        if (DriftDetected)
        {
            Reset();
        }

        _p.Update(x);
        var p = _p.Mean;
        var n = _p.N;
        var s = Math.Sqrt(p * (1 - p) / n);
        if (n <= WarmStart)
        {
            return;
        }

        if (p + s <= _psMin)
        {
            (_pMin, _sMin) = (p, s);
            _psMin = _pMin + _sMin;
        }

        WarningDetected = p + s > _pMin + (WarningThreshold * _sMin);
        if (p + s > _pMin + (DriftThreshold * _sMin))
        {
            DriftDetected = true;
            WarningDetected = false;
        }
    }

    public string ExportState() => DetectorState.Write(new DdmState(
        Name, DetectorState.Version, DriftDetected, WarningDetected, MeanState.Of(_p), _pMin, _sMin, _psMin));

    void IStateImport.ImportState(string state)
    {
        var s = DetectorState.Read<DdmState>(Name, state);
        _p = s.P.ToMean();
        (_pMin, _sMin, _psMin, DriftDetected, WarningDetected) = (s.PMin, s.SMin, s.PsMin, s.DriftDetected, s.WarningDetected);
    }

    private const string Name = "ddm";

    private void Reset()
    {
        _p = default;
        (_pMin, _sMin, _psMin) = (double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity);
        (DriftDetected, WarningDetected) = (false, false);
    }
}

internal sealed record DdmState(string Detector, int Version, bool DriftDetected, bool WarningDetected, MeanState P, double PMin, double SMin, double PsMin);
