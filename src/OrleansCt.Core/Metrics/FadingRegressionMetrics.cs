namespace OrleansCt.Core.Metrics;

/// <summary>
/// Fading-factor prequential regression metrics (MAE, RMSE) as MOA's fading-factor evaluator keeps them: every sum
/// S ← α·S + x per row. Not mergeable — a faded sum depends on where each row sits in the whole stream.
/// </summary>
public sealed class FadingRegressionMetrics
{
    private long _count;
    private double _weight;
    private double _absoluteError;
    private double _squaredError;

    public FadingRegressionMetrics(double alpha)
    {
        MetricStateCheck.CheckAlpha(alpha);
        Alpha = alpha;
    }

    public double Alpha { get; }

    public long Count => _count;

    /// <summary>Fades every sum by α, then adds this row: the value the model served before it learned <paramref name="label"/>.</summary>
    public void Observe(double predicted, double label)
    {
        if (!double.IsFinite(predicted) || !double.IsFinite(label))
        {
            throw new ArgumentException($"predicted ({predicted}) and label ({label}) must be finite numbers; skip rows the model could not score.");
        }

        var error = predicted - label;
        _count++;
        _weight = (Alpha * _weight) + 1.0;
        _absoluteError = (Alpha * _absoluteError) + Math.Abs(error);
        _squaredError = (Alpha * _squaredError) + (error * error);
    }

    /// <summary>Ratios of faded sums; R2 is always null (no faded label moments are kept).</summary>
    public RegressionValues Values() => new(
        _count,
        _weight == 0 ? null : _absoluteError / _weight,
        _weight == 0 ? null : Math.Sqrt(_squaredError / _weight),
        null);

    public FadingRegressionState ToState() => new(Alpha, _count, _weight, _absoluteError, _squaredError);

    /// <summary>Restores a checkpoint; throws an <see cref="ArgumentException"/> naming the field that does not fit.</summary>
    public static FadingRegressionMetrics FromState(FadingRegressionState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        MetricStateCheck.Require(state.Alpha > 0 && state.Alpha <= 1, $"state.Alpha is {state.Alpha} but must be in (0, 1]");
        MetricStateCheck.Require(state.Count >= 0, "state.Count cannot be negative");
        MetricStateCheck.Require(
            MetricStateCheck.NonNegativeFinite(state.Weight) && MetricStateCheck.NonNegativeSum(state.AbsoluteError) && MetricStateCheck.NonNegativeSum(state.SquaredError),
            "state.Weight must be a finite number ≥ 0, state.AbsoluteError and state.SquaredError numbers ≥ 0 (+∞ once saturated)");
        return new FadingRegressionMetrics(state.Alpha)
        {
            _count = state.Count,
            _weight = state.Weight,
            _absoluteError = state.AbsoluteError,
            _squaredError = state.SquaredError,
        };
    }
}
