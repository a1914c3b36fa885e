using OrleansCt.Core.Learning;

namespace OrleansCt.Core.Metrics;

/// <summary>
/// Prequential regression metrics — MAE, RMSE and R² = 1 − SSE/SST with the label's moments kept by Welford — in constant
/// memory; mergeable (Chan et al.'s pairwise update for the moments), equal to the union's up to floating-point rounding.
/// </summary>
public sealed class RegressionMetrics
{
    private long _count;
    private double _absoluteErrorSum;
    private double _squaredErrorSum;
    private double _labelMean;
    private double _labelM2;

    public long Count => _count;

    /// <summary>Counts one row: the value the model served before it learned <paramref name="label"/>.</summary>
    public void Observe(double predicted, double label)
    {
        if (!double.IsFinite(predicted) || !double.IsFinite(label))
        {
            throw new ArgumentException($"predicted ({predicted}) and label ({label}) must be finite numbers; skip rows the model could not score.");
        }

        var error = predicted - label;
        _absoluteErrorSum += Math.Abs(error);
        _squaredErrorSum += error * error;
        // The error sums saturate at +∞ on extreme errors (reported as out of range); the label moments take the halved step when
        // the plain one leaves a double (labels beyond ±MaxValue/2 of opposite signs), so the mean stays finite.
        var next = RunningMoments.Next(_count, _labelMean, _labelM2, label);
        if (!double.IsFinite(next.Mean) || double.IsNaN(next.M2))
        {
            next = RunningMoments.SafeNext(_count, _labelMean, _labelM2, label);
        }

        (_count, _labelMean, _labelM2) = next;
    }

    /// <summary>Adds another accumulator's rows to this one (e.g. the buckets of the last hour).</summary>
    public void Merge(RegressionMetrics other)
    {
        // An empty side is skipped so that merging with nothing leaves the state bit-for-bit unchanged.
        if (other._count == 0)
        {
            return;
        }

        if (_count == 0)
        {
            (_count, _absoluteErrorSum, _squaredErrorSum, _labelMean, _labelM2) =
                (other._count, other._absoluteErrorSum, other._squaredErrorSum, other._labelMean, other._labelM2);
            return;
        }

        // Chan, Golub & LeVeque (1979): M2 = M2a + M2b + δ² · na · nb / n.
        var n = _count + other._count;
        var delta = other._labelMean - _labelMean;
        var share = (double)other._count / n;
        var m2 = _labelM2 + other._labelM2 + (delta * delta * _count * share);
        var mean = _labelMean + (delta * share);
        if (!double.IsFinite(mean) || double.IsNaN(m2))
        {
            // Means beyond ±MaxValue/2 of opposite signs: the difference overflows, its half does not. The half's share is added
            // twice rather than doubled (as Moments does): half·share·2 overflows again when share > 1/2, while each partial sum lies
            // between the two means.
            var half = (other._labelMean * 0.5) - (_labelMean * 0.5);
            var step = half * share;
            m2 = _labelM2 + other._labelM2 + (half * half * _count * share * 4);
            mean = _labelMean + step + step;
        }

        (_labelM2, _labelMean) = (m2, mean);
        _absoluteErrorSum += other._absoluteErrorSum;
        _squaredErrorSum += other._squaredErrorSum;
        _count = n;
    }

    /// <summary>R² is null with fewer than two rows or a constant label, where scikit-learn would give NaN or a forced 0 or 1.</summary>
    public RegressionValues Values() => new(
        _count,
        _count == 0 ? null : _absoluteErrorSum / _count,
        _count == 0 ? null : Math.Sqrt(_squaredErrorSum / _count),
        _count < 2 || _labelM2 <= 0 ? null : 1.0 - (_squaredErrorSum / _labelM2));

    public RegressionState ToState() => new(_count, _absoluteErrorSum, _squaredErrorSum, _labelMean, _labelM2);

    /// <summary>Restores a checkpoint; throws an <see cref="ArgumentException"/> naming the field that does not fit.</summary>
    public static RegressionMetrics FromState(RegressionState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        MetricStateCheck.Require(state.Count >= 0, "state.Count cannot be negative");
        MetricStateCheck.Require(MetricStateCheck.NonNegativeSum(state.AbsoluteErrorSum), "state.AbsoluteErrorSum must be a number ≥ 0 (+∞ once saturated)");
        MetricStateCheck.Require(MetricStateCheck.NonNegativeSum(state.SquaredErrorSum), "state.SquaredErrorSum must be a number ≥ 0 (+∞ once saturated)");
        MetricStateCheck.Require(double.IsFinite(state.LabelMean), "state.LabelMean must be a finite number");
        MetricStateCheck.Require(MetricStateCheck.NonNegativeSum(state.LabelM2), "state.LabelM2 must be a number ≥ 0 (+∞ once saturated)");
        MetricStateCheck.Require(
            state.Count > 0 || (state.AbsoluteErrorSum == 0 && state.SquaredErrorSum == 0 && state.LabelMean == 0 && state.LabelM2 == 0),
            "a state with Count 0 must have all sums 0");
        return new RegressionMetrics
        {
            _count = state.Count,
            _absoluteErrorSum = state.AbsoluteErrorSum,
            _squaredErrorSum = state.SquaredErrorSum,
            _labelMean = state.LabelMean,
            _labelM2 = state.LabelM2,
        };
    }
}
