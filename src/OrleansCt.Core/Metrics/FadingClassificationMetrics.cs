namespace OrleansCt.Core.Metrics;

/// <summary>
/// Fading-factor prequential classification metrics (Gama, Sebastião &amp; Rodrigues 2013; MOA's fading-factor evaluator):
/// every sum S ← α·S + x per row and each metric is a ratio of faded sums; recent rows weigh most. Not mergeable — a faded
/// sum depends on where each row sits in the whole stream — so keep one per stream, not per bucket.
/// </summary>
public sealed class FadingClassificationMetrics
{
    private long _count;
    private double _weight;
    private double _correct;
    private double _logLoss;
    private double _truePositives;
    private double _falsePositives;
    private double _falseNegatives;

    public FadingClassificationMetrics(int classes, int positiveClass, double alpha)
    {
        MetricStateCheck.CheckClasses(classes, positiveClass);
        MetricStateCheck.CheckAlpha(alpha);
        Classes = classes;
        PositiveClass = positiveClass;
        Alpha = alpha;
    }

    public int Classes { get; }

    public int PositiveClass { get; }

    public double Alpha { get; }

    public long Count => _count;

    /// <summary>Fades every sum by α, then adds this row: the probabilities the model served before it learned <paramref name="label"/>.</summary>
    public void Observe(ReadOnlySpan<double> probabilities, int label)
    {
        ProbabilityRow.Check(probabilities, label, Classes);
        Observe(label, ProbabilityRow.ArgMax(probabilities), ProbabilityRow.LogLoss(probabilities, label));
    }

    /// <summary>
    /// <see cref="Observe(ReadOnlySpan{double}, int)"/> of a row already checked (<see cref="ProbabilityRow.Valid"/>), by its argmax and log loss
    /// worked out once for every accumulator the row goes into.
    /// </summary>
    internal void Observe(int label, int predicted, double logLoss)
    {
        var predictedPositive = predicted == PositiveClass;
        var labelPositive = label == PositiveClass;
        _count++;
        _weight = (Alpha * _weight) + 1.0;
        _correct = (Alpha * _correct) + (predicted == label ? 1.0 : 0.0);
        _logLoss = (Alpha * _logLoss) + logLoss;
        _truePositives = (Alpha * _truePositives) + (predictedPositive && labelPositive ? 1.0 : 0.0);
        _falsePositives = (Alpha * _falsePositives) + (predictedPositive && !labelPositive ? 1.0 : 0.0);
        _falseNegatives = (Alpha * _falseNegatives) + (!predictedPositive && labelPositive ? 1.0 : 0.0);
    }

    /// <summary>Ratios of faded sums; RocAuc is always null (no binned scores are kept).</summary>
    public ClassificationValues Values()
    {
        static double? Ratio(double numerator, double denominator) => denominator == 0 ? null : numerator / denominator;
        return new ClassificationValues(
            _count,
            Ratio(_correct, _weight),
            Ratio(_logLoss, _weight),
            Ratio(_truePositives, _truePositives + _falsePositives),
            Ratio(_truePositives, _truePositives + _falseNegatives),
            Ratio(2 * _truePositives, (2 * _truePositives) + _falsePositives + _falseNegatives),
            null);
    }

    public FadingClassificationState ToState() =>
        new(Classes, PositiveClass, Alpha, _count, _weight, _correct, _logLoss, _truePositives, _falsePositives, _falseNegatives);

    /// <summary>Restores a checkpoint; throws an <see cref="ArgumentException"/> naming the field that does not fit.</summary>
    public static FadingClassificationMetrics FromState(FadingClassificationState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        MetricStateCheck.Require(state.Classes >= 2, $"state.Classes is {state.Classes} but must be at least 2");
        MetricStateCheck.Require(state.PositiveClass >= 0 && state.PositiveClass < state.Classes, $"state.PositiveClass is {state.PositiveClass} but must be in [0, {state.Classes})");
        MetricStateCheck.Require(state.Alpha > 0 && state.Alpha <= 1, $"state.Alpha is {state.Alpha} but must be in (0, 1]");
        MetricStateCheck.Require(state.Count >= 0, "state.Count cannot be negative");
        MetricStateCheck.Require(
            MetricStateCheck.NonNegativeFinite(state.Weight) && MetricStateCheck.NonNegativeFinite(state.LogLoss),
            "state.Weight and state.LogLoss must be finite numbers ≥ 0");
        foreach (var (name, value) in new[] { ("Correct", state.Correct), ("TruePositives", state.TruePositives), ("FalsePositives", state.FalsePositives), ("FalseNegatives", state.FalseNegatives) })
        {
            // A faded count can never exceed the faded row count it is a part of.
            MetricStateCheck.Require(MetricStateCheck.NonNegativeFinite(value) && value <= state.Weight, $"state.{name} must be a finite number in [0, Weight]");
        }

        return new FadingClassificationMetrics(state.Classes, state.PositiveClass, state.Alpha)
        {
            _count = state.Count,
            _weight = state.Weight,
            _correct = state.Correct,
            _logLoss = state.LogLoss,
            _truePositives = state.TruePositives,
            _falsePositives = state.FalsePositives,
            _falseNegatives = state.FalseNegatives,
        };
    }
}
