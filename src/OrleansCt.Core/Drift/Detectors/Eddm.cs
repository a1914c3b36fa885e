namespace OrleansCt.Core.Drift.Detectors;

/// <summary>EDDM, early drift detection method (Baena-García et al., 2006), as River's drift.binary.EDDM; definition in tests/reference/drift-detectors.md.</summary>
public sealed class Eddm : IDriftDetector, IStateImport
{
    private long _n;
    private long _lastError;
    private long _errors;
    private RiverMean _distanceMean;
    private double _distanceS;
    private double _p2sMax;

    public Eddm(int warmStart = 30, double alpha = 0.95, double beta = 0.9)
    {
        DetectorChecks.AtLeast(warmStart, 0, "warm_start");
        DetectorChecks.Closed01(alpha, "alpha");
        DetectorChecks.Closed01(beta, "beta");
        if (alpha < beta)
        {
            throw new ArgumentException($"alpha ({alpha}) must be greater than or equal to beta ({beta}): the warning level is reached before the drift level.", "alpha");
        }

        (WarmStart, Alpha, Beta) = (warmStart, alpha, beta);
        Reset();
    }

    public int WarmStart { get; }

    /// <summary>Warning when (p' + 2s') / max falls below this.</summary>
    public double Alpha { get; }

    /// <summary>Drift when (p' + 2s') / max falls below this.</summary>
    public double Beta { get; }

    public bool DriftDetected { get; private set; }

    public bool WarningDetected { get; private set; }

    public void Update(double x)
    {
        if (DriftDetected)
        {
            Reset();
        }

        _n++;
        if (x != 1.0)
        {
            return;
        }

        _errors++;
        AddDistance(_n - _lastError);
        if (_n > WarmStart)
        {
            // Sample variance (ddof 1), 0 below two distances, and x ** 0.5 as River takes the root.
            var variance = _distanceMean.N > 1 ? _distanceS / (_distanceMean.N - 1) : 0.0;
            var p2s = _distanceMean.Mean + (2 * Math.Pow(variance, 0.5));
            if (p2s > _p2sMax)
            {
                _p2sMax = p2s;
            }
            else if (_errors > WarmStart)
            {
                var level = p2s / _p2sMax;

                // As in River, a drift leaves the warning flag as it was.
                if (level < Beta)
                {
                    DriftDetected = true;
                }
                else
                {
                    WarningDetected = level < Alpha;
                }
            }
        }

        _lastError = _n;
    }

    public string ExportState() => DetectorState.Write(new EddmState(
        Name, DetectorState.Version, DriftDetected, WarningDetected, _n, _lastError, _errors, MeanState.Of(_distanceMean), _distanceS, _p2sMax));

    void IStateImport.ImportState(string state)
    {
        var s = DetectorState.Read<EddmState>(Name, state);
        DetectorState.Check(s.N >= 0 && s.LastError >= 0 && s.Errors >= 0, Name, "a counter is negative");
        (_n, _lastError, _errors) = (s.N, s.LastError, s.Errors);
        (_distanceMean, _distanceS, _p2sMax) = (s.DistanceMean.ToMean(), s.DistanceS, s.P2sMax);
        (DriftDetected, WarningDetected) = (s.DriftDetected, s.WarningDetected);
    }

    private const string Name = "eddm";

    private void AddDistance(double distance)
    {
        // Welford's update in River's stats.Var order.
        var before = _distanceMean.Mean;
        _distanceMean.Update(distance);
        _distanceS += (distance - before) * (distance - _distanceMean.Mean);
    }

    private void Reset()
    {
        (_n, _lastError, _errors) = (0, 0, 0);
        (_distanceMean, _distanceS, _p2sMax) = (default, 0.0, -1.0);
        (DriftDetected, WarningDetected) = (false, false);
    }
}

internal sealed record EddmState(string Detector, int Version, bool DriftDetected, bool WarningDetected, long N, long LastError, long Errors, MeanState DistanceMean, double DistanceS, double P2sMax);
