namespace OrleansCt.Core.Learning;

/// <summary>
/// A binary or regression online learner's function over raw inputs: margin = Intercept + Σ NumericWeights[j]·x_j + the weight of
/// each categorical value (<see cref="OnlineLearner.CategoryWeight"/>); the prediction is sigmoid(margin) for class index 1, or
/// OutputShift + OutputScale·margin for a value.
/// </summary>
public sealed record RawLinearForm(double Intercept, IReadOnlyList<double> NumericWeights, double OutputShift, double OutputScale);
