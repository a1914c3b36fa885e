namespace OrleansCt.Core.Learning;

/// <summary>Everything an online learner has learned, as plain numbers and arrays (a checkpoint; the owner must not mutate it).</summary>
/// <param name="LayoutFingerprint">Hash of the input layout it was made for (task, classes, features, categories or buckets).</param>
/// <param name="Outputs">Weight vectors: 1 for binary and regression, one per class for multiclass.</param>
/// <param name="Dimension">Inputs per weight vector.</param>
/// <param name="Updates">Rows learned so far (t of the schedules).</param>
/// <param name="Weights">Outputs × Dimension, row-major.</param>
/// <param name="Intercepts">One per output.</param>
/// <param name="GradSquares">AdaGrad's sums of squared gradients, Outputs × Dimension; empty under other schedules.</param>
/// <param name="InterceptGradSquares">AdaGrad's sums for the intercepts, one per output; empty under other schedules.</param>
/// <param name="FeatureCounts">Non-missing values seen per numeric feature.</param>
/// <param name="FeatureMeans">Running mean per numeric feature.</param>
/// <param name="FeatureM2">Running sum of squared deviations per numeric feature.</param>
/// <param name="TargetCount">Labels seen (regression target moments).</param>
/// <param name="TargetMean">Running mean of the target.</param>
/// <param name="TargetM2">Running sum of squared deviations of the target.</param>
public sealed record LearnerState(
    long LayoutFingerprint,
    int Outputs,
    int Dimension,
    long Updates,
    double[] Weights,
    double[] Intercepts,
    double[] GradSquares,
    double[] InterceptGradSquares,
    long[] FeatureCounts,
    double[] FeatureMeans,
    double[] FeatureM2,
    long TargetCount,
    double TargetMean,
    double TargetM2);
