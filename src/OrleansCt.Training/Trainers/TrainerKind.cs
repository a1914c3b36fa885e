namespace OrleansCt.Training.Trainers;

/// <summary>The ML.NET trainers a version can be trained with; each maps to the task's variant (see <see cref="TrainerSpec"/>).</summary>
public enum TrainerKind
{
    /// <summary>SdcaLogisticRegression, SdcaMaximumEntropy or Sdca (regression).</summary>
    Sdca,

    /// <summary>LbfgsLogisticRegression, LbfgsMaximumEntropy or LbfgsPoissonRegression; warm-startable for binary and regression.</summary>
    Lbfgs,

    /// <summary>Boosted trees (binary, regression).</summary>
    FastTree,

    /// <summary>LightGBM boosted trees (every task).</summary>
    LightGbm,

    /// <summary>Regression; warm-startable.</summary>
    OnlineGradientDescent,

    /// <summary>Binary, Platt-calibrated; warm-startable.</summary>
    AveragedPerceptron,

    /// <summary>Binary, Platt-calibrated; warm-startable.</summary>
    LinearSvm,
}
