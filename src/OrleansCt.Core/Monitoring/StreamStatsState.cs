using OrleansCt.Core.Metrics;
using OrleansCt.Core.Sketches;

namespace OrleansCt.Core.Monitoring;

/// <summary>The exact contents of a <see cref="StreamStats"/>, for checkpoints.</summary>
public sealed record StreamStatsState(
    NumericSketchState[] Numeric,
    CategoricalSketchState[] Categorical,
    NumericSketchState Scores,
    CategoricalSketchState? PredictedClasses,
    CategoricalSketchState? LabelClasses,
    NumericSketchState? LabelValues,
    ClassificationState? Classification,
    RegressionState? Regression,
    FixedHistogramState[]? Histograms,
    FixedHistogramState? PredictionHistogram = null,
    FixedHistogramState? LabelHistogram = null,
    FixedHistogramState[]? Trained = null,
    long[]? Violations = null,
    Dictionary<string, long>? NewFeatures = null,
    Drift.Multivariate.CoMomentsState? Joint = null)
{
    public static StreamStatsState Of(StreamStats s) => new(
        s.Numeric.Select(n => n.ToState()).ToArray(),
        s.Categorical.Select(c => c.ToState()).ToArray(),
        s.Scores.ToState(),
        s.PredictedClasses?.ToState(),
        s.LabelClasses?.ToState(),
        s.LabelValues?.ToState(),
        s.Classification?.ToState(),
        s.Regression?.ToState(),
        s.Histograms?.Select(h => h.ToState()).ToArray(),
        s.PredictionHistogram?.ToState(),
        s.LabelHistogram?.ToState(),
        s.Trained?.Select(h => h.ToState()).ToArray(),
        s.Violations?.ToArray(),
        s.NewFeatures is null ? null : new Dictionary<string, long>(s.NewFeatures, StringComparer.Ordinal),
        s.Joint?.ToState());

    public StreamStats Restore() => new()
    {
        Numeric = Numeric.Select(NumericSketch.FromState).ToArray(),
        Categorical = Categorical.Select(CategoricalSketch.FromState).ToArray(),
        Scores = NumericSketch.FromState(Scores),
        PredictedClasses = PredictedClasses is null ? null : CategoricalSketch.FromState(PredictedClasses),
        LabelClasses = LabelClasses is null ? null : CategoricalSketch.FromState(LabelClasses),
        LabelValues = LabelValues is null ? null : NumericSketch.FromState(LabelValues),
        Classification = Classification is null ? null : ClassificationMetrics.FromState(Classification),
        Regression = Regression is null ? null : RegressionMetrics.FromState(Regression),
        Histograms = Histograms?.Select(FixedHistogram.FromState).ToArray(),
        PredictionHistogram = PredictionHistogram is null ? null : FixedHistogram.FromState(PredictionHistogram),
        LabelHistogram = LabelHistogram is null ? null : FixedHistogram.FromState(LabelHistogram),
        Trained = Trained?.Select(FixedHistogram.FromState).ToArray(),
        Violations = Violations?.ToArray(),
        NewFeatures = NewFeatures is null ? null : new Dictionary<string, long>(NewFeatures, StringComparer.Ordinal),
        Joint = Joint is null ? null : Drift.Multivariate.CoMoments.FromState(Joint),
    };
}
