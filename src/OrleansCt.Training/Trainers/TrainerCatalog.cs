using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace OrleansCt.Training.Trainers;

/// <summary>
/// The ML.NET trainer for a (validated) spec and task, single-threaded and seeded so that a training is reproducible:
/// NumberOfThreads = 1 wherever a trainer has it, LightGBM's Seed and Deterministic, FastTree's seeds; the rest draw from
/// the seeded MLContext.
/// </summary>
internal static class TrainerCatalog
{
    public static TrainerPlan Plan(MLContext ml, TrainerSpec spec, ModelTask task) => task switch
    {
        ModelTask.Binary => Binary(ml.BinaryClassification.Trainers, spec),
        ModelTask.Multiclass => Multiclass(ml.MulticlassClassification.Trainers, spec),
        _ => Regression(ml.Regression.Trainers, spec),
    };

    private static TrainerPlan Binary(BinaryClassificationCatalog.BinaryClassificationTrainers trainers, TrainerSpec spec)
    {
        switch (spec.Kind)
        {
            case TrainerKind.Sdca:
                var sdca = OptionFields.Apply(new SdcaLogisticRegressionBinaryTrainer.Options { NumberOfThreads = 1 }, spec);
                return TrainerPlan.Linear(trainers.SdcaLogisticRegression(sdca), sdca.MaximumNumberOfIterations);
            case TrainerKind.Lbfgs:
                var lbfgs = trainers.LbfgsLogisticRegression(OptionFields.Apply(new LbfgsLogisticRegressionBinaryTrainer.Options { NumberOfThreads = 1 }, spec));
                return TrainerPlan.Linear(lbfgs, null) with { WarmFit = lbfgs.Fit };
            case TrainerKind.FastTree:
                var tree = OptionFields.Apply(new FastTreeBinaryTrainer.Options { NumberOfThreads = 1, Seed = spec.Seed, FeatureSelectionSeed = spec.Seed }, spec);
                return TrainerPlan.Tree(trainers.FastTree(tree), true, tree.NumberOfTrees);
            case TrainerKind.LightGbm:
                var gbm = OptionFields.Apply(new LightGbmBinaryTrainer.Options { NumberOfThreads = 1, Seed = spec.Seed, Deterministic = true }, spec);
                return TrainerPlan.Tree(trainers.LightGbm(gbm), false, gbm.NumberOfIterations);
            case TrainerKind.AveragedPerceptron:
                var perceptronOptions = OptionFields.Apply(new AveragedPerceptronTrainer.Options(), spec);
                var perceptron = trainers.AveragedPerceptron(perceptronOptions);
                return TrainerPlan.Linear(perceptron, perceptronOptions.NumberOfIterations) with { WarmFit = perceptron.Fit, Calibrates = true };
            case TrainerKind.LinearSvm:
                var svmOptions = OptionFields.Apply(new LinearSvmTrainer.Options(), spec);
                var svm = trainers.LinearSvm(svmOptions);
                return TrainerPlan.Linear(svm, svmOptions.NumberOfIterations) with { WarmFit = svm.Fit, Calibrates = true };
            default:
                throw Unfit(spec, ModelTask.Binary);
        }
    }

    private static TrainerPlan Multiclass(MulticlassClassificationCatalog.MulticlassClassificationTrainers trainers, TrainerSpec spec)
    {
        switch (spec.Kind)
        {
            case TrainerKind.Sdca:
                var sdca = OptionFields.Apply(new SdcaMaximumEntropyMulticlassTrainer.Options { NumberOfThreads = 1 }, spec);
                return TrainerPlan.Linear(trainers.SdcaMaximumEntropy(sdca), sdca.MaximumNumberOfIterations);
            case TrainerKind.Lbfgs:
                return TrainerPlan.Linear(trainers.LbfgsMaximumEntropy(OptionFields.Apply(new LbfgsMaximumEntropyMulticlassTrainer.Options { NumberOfThreads = 1 }, spec)), null);
            case TrainerKind.LightGbm:
                var gbm = OptionFields.Apply(new LightGbmMulticlassTrainer.Options { NumberOfThreads = 1, Seed = spec.Seed, Deterministic = true }, spec);
                return TrainerPlan.Tree(trainers.LightGbm(gbm), false, gbm.NumberOfIterations);
            default:
                throw Unfit(spec, ModelTask.Multiclass);
        }
    }

    private static TrainerPlan Regression(RegressionCatalog.RegressionTrainers trainers, TrainerSpec spec)
    {
        switch (spec.Kind)
        {
            case TrainerKind.Sdca:
                var sdca = OptionFields.Apply(new SdcaRegressionTrainer.Options { NumberOfThreads = 1 }, spec);
                return TrainerPlan.Linear(trainers.Sdca(sdca), sdca.MaximumNumberOfIterations);
            case TrainerKind.Lbfgs:
                var poisson = trainers.LbfgsPoissonRegression(OptionFields.Apply(new LbfgsPoissonRegressionTrainer.Options { NumberOfThreads = 1 }, spec));
                return TrainerPlan.Linear(poisson, null) with { WarmFit = poisson.Fit };
            case TrainerKind.FastTree:
                var tree = OptionFields.Apply(new FastTreeRegressionTrainer.Options { NumberOfThreads = 1, Seed = spec.Seed, FeatureSelectionSeed = spec.Seed }, spec);
                return TrainerPlan.Tree(trainers.FastTree(tree), true, tree.NumberOfTrees);
            case TrainerKind.LightGbm:
                var gbm = OptionFields.Apply(new LightGbmRegressionTrainer.Options { NumberOfThreads = 1, Seed = spec.Seed, Deterministic = true }, spec);
                return TrainerPlan.Tree(trainers.LightGbm(gbm), false, gbm.NumberOfIterations);
            case TrainerKind.OnlineGradientDescent:
                var onlineOptions = OptionFields.Apply(new OnlineGradientDescentTrainer.Options(), spec);
                var online = trainers.OnlineGradientDescent(onlineOptions);
                return TrainerPlan.Linear(online, onlineOptions.NumberOfIterations) with { WarmFit = online.Fit };
            default:
                throw Unfit(spec, ModelTask.Regression);
        }
    }

    private static TrainerSpecException Unfit(TrainerSpec spec, ModelTask task) =>
        new("trainer", $"trainer {spec.Kind} does not train {task.ToString().ToLowerInvariant()} models.");
}
