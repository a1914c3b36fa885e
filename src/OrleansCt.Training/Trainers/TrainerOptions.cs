namespace OrleansCt.Training.Trainers;

/// <summary>What each trainer accepts: the tasks it trains and the options it takes (the ML.NET option names, camelCase).</summary>
internal static class TrainerOptions
{
    private static readonly Dictionary<TrainerKind, OptionRule[]> Rules = new()
    {
        [TrainerKind.Sdca] =
        [
            OptionRule.NonNegative("l2Regularization"), OptionRule.NonNegative("l1Regularization"),
            OptionRule.Count("maximumNumberOfIterations", 1), new OptionRule("convergenceTolerance", 0, 1, AboveMin: true),
        ],
        [TrainerKind.Lbfgs] =
        [
            OptionRule.NonNegative("l2Regularization"), OptionRule.NonNegative("l1Regularization"),
            new OptionRule("optimizationTolerance", 0, 1, AboveMin: true), OptionRule.Count("historySize", 1, 1_000),
            OptionRule.Count("maximumNumberOfIterations", 1, int.MaxValue),
        ],
        [TrainerKind.FastTree] =
        [
            OptionRule.Count("numberOfLeaves", 2, 131_072), OptionRule.Count("numberOfTrees", 1, 100_000),
            OptionRule.Count("minimumExampleCountPerLeaf", 1), new OptionRule("learningRate", 0, 10, AboveMin: true),
        ],
        [TrainerKind.LightGbm] =
        [
            OptionRule.Count("numberOfLeaves", 2, 131_072), OptionRule.Count("numberOfIterations", 1, 100_000),
            OptionRule.Count("minimumExampleCountPerLeaf", 1), new OptionRule("learningRate", 0, 10, AboveMin: true),
        ],
        [TrainerKind.OnlineGradientDescent] = Online(),
        [TrainerKind.AveragedPerceptron] = Online(),
        [TrainerKind.LinearSvm] =
        [
            OptionRule.Positive("lambda"), OptionRule.Count("numberOfIterations", 1), OptionRule.Flag("performProjection"),
        ],
    };

    public static IReadOnlyList<OptionRule> For(TrainerKind kind) => Rules[kind];

    public static bool Trains(TrainerKind kind, ModelTask task) => kind switch
    {
        TrainerKind.Sdca or TrainerKind.Lbfgs or TrainerKind.LightGbm => true,
        TrainerKind.FastTree => task != ModelTask.Multiclass,
        TrainerKind.OnlineGradientDescent => task == ModelTask.Regression,
        _ => task == ModelTask.Binary,
    };

    /// <summary>Trainers that continue from a previous version's linear parameters (ML.NET's Fit(data, LinearModelParameters)).</summary>
    public static bool WarmStarts(TrainerKind kind, ModelTask task) => task != ModelTask.Multiclass && kind is
        TrainerKind.Lbfgs or TrainerKind.OnlineGradientDescent or TrainerKind.AveragedPerceptron or TrainerKind.LinearSvm;

    public static IEnumerable<TrainerKind> For(ModelTask task) => Enum.GetValues<TrainerKind>().Where(k => Trains(k, task));

    private static OptionRule[] Online() =>
    [
        // ML.NET's averaged trainers require L2 in [0, 0.5).
        OptionRule.Positive("learningRate"), OptionRule.Flag("decreaseLearningRate"), new OptionRule("l2Regularization", 0, 0.5, BelowMax: true),
        OptionRule.Count("numberOfIterations", 1),
    ];
}
