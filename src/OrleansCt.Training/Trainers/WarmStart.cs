using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using OrleansCt.Training.Artifacts;

namespace OrleansCt.Training.Trainers;

/// <summary>
/// What a warm start continues from: the previous version's fitted featurisation, kept as it is so that the feature vector
/// has the same slots and scale, and its predictor's linear parameters.
/// </summary>
internal sealed record WarmStart(ITransformer Featurizer, LinearModelParameters Parameters)
{
    /// <summary>Throws a <see cref="TrainerSpecException"/> naming "trainer" when the trainer or the previous version cannot warm-start.</summary>
    public static WarmStart From(LoadedModel previous, TrainerSpec spec, ModelTask task)
    {
        if (!spec.WarmStarts(task))
        {
            throw new TrainerSpecException(
                "trainer",
                $"trainer {spec.Kind} cannot warm-start a {task.ToString().ToLowerInvariant()} model; warm start takes Lbfgs (binary, regression), OnlineGradientDescent (regression), AveragedPerceptron or LinearSvm (binary).");
        }

        var parts = previous.Parts;
        var poisson = spec.Kind == TrainerKind.Lbfgs && task == ModelTask.Regression;
        var fits = parts.Parameters switch
        {
            LinearBinaryModelParameters => task == ModelTask.Binary,
            PoissonRegressionModelParameters => poisson,
            LinearRegressionModelParameters => task == ModelTask.Regression && !poisson,
            _ => false,
        };
        if (!fits)
        {
            var found = parts.Parameters?.GetType().Name ?? "no predictor";
            var needed = task == ModelTask.Binary ? "LinearBinaryModelParameters" : poisson ? "PoissonRegressionModelParameters" : "LinearRegressionModelParameters";
            throw new TrainerSpecException(
                "trainer",
                $"the previous version's predictor has {found}, but {spec.Kind} warm-starts from {needed}; train this version from scratch.");
        }

        return new WarmStart(new TransformerChain<ITransformer>([.. parts.Featurizer]), (LinearModelParameters)parts.Parameters!);
    }
}
