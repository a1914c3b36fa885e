namespace OrleansCt.Core.Learning;

/// <summary>The learner's function read in raw units, for a model elsewhere to start from (a warm start of a batch trainer).</summary>
public sealed partial class OnlineLearner
{
    /// <summary>
    /// Output 0 over raw inputs: a standardised input w·(x − μ)/σ is (w/σ)·x with −w·μ/σ moved into the intercept, and a feature with
    /// no spread yet weighs 0, as in prediction; a standardised regression target is put back as μ_y + σ_y·margin. Exact for rows whose
    /// numeric values are all present: a missing one counts as its running mean μ here, so a consumer that imputes another value differs.
    /// </summary>
    public RawLinearForm RawLinear()
    {
        if (_outputs != 1)
        {
            throw new InvalidOperationException($"a {_schema.Task} learner has one margin per class ({_outputs}); only binary and regression learners have one linear function.");
        }

        var intercept = _intercepts[0];
        var weights = new double[_numeric];
        for (var j = 0; j < _numeric; j++)
        {
            var scale = _features.ScaleOf(j);
            if (!_standardize)
            {
                weights[j] = _weights[j];
            }
            else if (scale > 0)
            {
                weights[j] = _weights[j] / scale;
                intercept -= weights[j] * _features.Mean(j);
            }
        }

        var (shift, factor) = _classification || !_standardize ? (0.0, 1.0) : (_targetMean, RunningMoments.Scale(_targetCount, _targetM2));
        return new RawLinearForm(intercept, weights, shift, factor);
    }

    /// <summary>Output 0's weight on a value of categorical feature <paramref name="categorical"/> (schema order): its one-hot input or hash bucket; 0 for a missing or unlisted value.</summary>
    public double CategoryWeight(int categorical, string? value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(categorical);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(categorical, _active.Length);
        var input = _encoder.ActiveInput(categorical, value);
        return input < 0 ? 0.0 : _weights[input];
    }
}
