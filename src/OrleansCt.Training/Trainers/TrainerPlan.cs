using Microsoft.ML;
using Microsoft.ML.Trainers;

namespace OrleansCt.Training.Trainers;

/// <summary>
/// A trainer made for a task, and what the featurisation around it needs: missing numeric values imputed (every trainer but
/// LightGBM: the others skip a training row with a NaN feature), the feature vector scaled (linear trainers), a Platt
/// calibrator after it (binary trainers without probabilities).
/// </summary>
internal sealed record TrainerPlan(IEstimator<ITransformer> Estimator, bool ImputesMissing, bool Scales, int? Passes)
{
    /// <summary>Fit from a previous version's parameters (warm-startable trainers only).</summary>
    public Func<IDataView, LinearModelParameters, ITransformer>? WarmFit { get; init; }

    public bool Calibrates { get; init; }

    public static TrainerPlan Linear(IEstimator<ITransformer> estimator, int? passes) => new(estimator, true, true, passes);

    public static TrainerPlan Tree(IEstimator<ITransformer> estimator, bool imputesMissing, int passes) => new(estimator, imputesMissing, false, passes);
}
