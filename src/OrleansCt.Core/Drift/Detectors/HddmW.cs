namespace OrleansCt.Core.Drift.Detectors;

/// <summary>HDDM-W, McDiarmid-bound drift detection on weighted moving averages (Frías-Blanco et al., 2014), as River's drift.binary.HDDMW; definition in tests/reference/drift-detectors.md.</summary>
public sealed class HddmW : IDriftDetector, IStateImport
{
    private HddmWSample _total;
    private HddmWSample _s1Increase;
    private HddmWSample _s2Increase;
    private HddmWSample _s1Decrease;
    private HddmWSample _s2Decrease;
    private double _increaseCut;
    private double _decreaseCut;

    public HddmW(double driftConfidence = 0.001, double warningConfidence = 0.005, double lambdaVal = 0.05, bool twoSidedTest = false)
    {
        DetectorChecks.Open01(driftConfidence, "drift_confidence");
        DetectorChecks.Open01(warningConfidence, "warning_confidence");
        DetectorChecks.Closed01(lambdaVal, "lambda_val");
        (DriftConfidence, WarningConfidence, LambdaVal, TwoSidedTest) = (driftConfidence, warningConfidence, lambdaVal, twoSidedTest);
        Reset();
    }

    public double DriftConfidence { get; }

    public double WarningConfidence { get; }

    /// <summary>λ, the weight of the newest value in the weighted means.</summary>
    public double LambdaVal { get; }

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

        _total.Update(x);

        // Cut points move with the drift confidence's bound, as in River (and MOA).
        var eps = McDiarmidBound(_total.Ibc, DriftConfidence);
        if (_total.Ewma + eps < _increaseCut)
        {
            _increaseCut = _total.Ewma + eps;
            (_s1Increase, _s2Increase) = (_total, new HddmWSample(LambdaVal));
        }
        else
        {
            _s2Increase.Update(x);
        }

        (DriftDetected, WarningDetected) = Changed(_s1Increase, _s2Increase, DriftConfidence)
            ? (true, false)
            : (false, Changed(_s1Increase, _s2Increase, WarningConfidence));

        if (_total.Ewma - eps > _decreaseCut)
        {
            _decreaseCut = _total.Ewma - eps;
            (_s1Decrease, _s2Decrease) = (_total, new HddmWSample(LambdaVal));
        }
        else
        {
            _s2Decrease.Update(x);
        }

        if (TwoSidedTest)
        {
            if (Changed(_s2Decrease, _s1Decrease, DriftConfidence))
            {
                DriftDetected = true;
            }
            else if (Changed(_s2Decrease, _s1Decrease, WarningConfidence))
            {
                WarningDetected = true;
            }
        }
    }

    public string ExportState() => DetectorState.Write(new HddmWState(
        Name, DetectorState.Version, DriftDetected, WarningDetected,
        HddmWSampleState.Of(_total), HddmWSampleState.Of(_s1Increase), HddmWSampleState.Of(_s2Increase),
        HddmWSampleState.Of(_s1Decrease), HddmWSampleState.Of(_s2Decrease), _increaseCut, _decreaseCut));

    void IStateImport.ImportState(string state)
    {
        var s = DetectorState.Read<HddmWState>(Name, state);
        (_total, _s1Increase, _s2Increase) = (s.Total.ToSample(LambdaVal), s.S1Increase.ToSample(LambdaVal), s.S2Increase.ToSample(LambdaVal));
        (_s1Decrease, _s2Decrease) = (s.S1Decrease.ToSample(LambdaVal), s.S2Decrease.ToSample(LambdaVal));
        (_increaseCut, _decreaseCut, DriftDetected, WarningDetected) = (s.IncreaseCut, s.DecreaseCut, s.DriftDetected, s.WarningDetected);
    }

    private const string Name = "hddm-w";

    private static double McDiarmidBound(double ibc, double confidence) => Math.Sqrt(ibc * Math.Log(1 / confidence) / 2);

    /// <summary>True when <paramref name="later"/>'s weighted mean exceeds <paramref name="earlier"/>'s by more than the bound.</summary>
    private static bool Changed(HddmWSample earlier, HddmWSample later, double confidence) =>
        earlier.IsInitialized && later.IsInitialized
        && later.Ewma - earlier.Ewma > McDiarmidBound(earlier.Ibc + later.Ibc, confidence);

    private void Reset()
    {
        _total = _s1Increase = _s2Increase = _s1Decrease = _s2Decrease = new HddmWSample(LambdaVal);
        (_increaseCut, _decreaseCut) = (double.PositiveInfinity, double.NegativeInfinity);
        (DriftDetected, WarningDetected) = (false, false);
    }
}

internal sealed record HddmWSampleState(double Ewma, double Ibc, bool IsInitialized)
{
    public static HddmWSampleState Of(HddmWSample s) => new(s.Ewma, s.Ibc, s.IsInitialized);

    public HddmWSample ToSample(double lambda) => new(lambda, Ewma, Ibc, IsInitialized);
}

internal sealed record HddmWState(
    string Detector, int Version, bool DriftDetected, bool WarningDetected,
    HddmWSampleState Total, HddmWSampleState S1Increase, HddmWSampleState S2Increase, HddmWSampleState S1Decrease, HddmWSampleState S2Decrease,
    double IncreaseCut, double DecreaseCut);
