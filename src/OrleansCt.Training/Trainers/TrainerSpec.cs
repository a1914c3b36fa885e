namespace OrleansCt.Training.Trainers;

/// <summary>How to train a version: the trainer, its options by ML.NET name (camelCase; booleans 0 or 1) and the seed.</summary>
public sealed record TrainerSpec(TrainerKind Kind, IReadOnlyDictionary<string, double>? Options = null, int Seed = 0)
{
    private static readonly IReadOnlyDictionary<string, double> NoOptions = new Dictionary<string, double>();

    /// <summary>
    /// LightGBM for every task (the task is asked for so that a later default may differ by task). On housing FastTree's
    /// held-out RMSE was 1.2 % lower at 10,000 training rows but 0.7 % and 1.3 % higher at 4,000 and 16,000, at 4–12× the
    /// time; on elec2 LightGBM matched FastTree's accuracy (docs/benchmarks.md, "Training").
    /// </summary>
    public static TrainerSpec Default(ModelTask task, int seed = 0) => new(TrainerKind.LightGbm, null, seed);

    /// <summary>The options, empty when none were given.</summary>
    public IReadOnlyDictionary<string, double> OptionValues => Options ?? NoOptions;

    /// <summary>Throws a <see cref="TrainerSpecException"/> naming the field when the trainer does not train <paramref name="task"/> or an option is unknown or out of range.</summary>
    public void Validate(ModelTask task)
    {
        if (!Enum.IsDefined(Kind))
        {
            throw new TrainerSpecException("trainer", $"trainer {(int)Kind} is not a trainer; use one of {string.Join(", ", Enum.GetNames<TrainerKind>())}.");
        }

        if (!TrainerOptions.Trains(Kind, task))
        {
            throw new TrainerSpecException(
                "trainer",
                $"trainer {Kind} does not train {task.ToString().ToLowerInvariant()} models; use one of {string.Join(", ", TrainerOptions.For(task))}.");
        }

        var rules = TrainerOptions.For(Kind);
        foreach (var (name, value) in OptionValues)
        {
            var rule = rules.FirstOrDefault(r => r.Name == name)
                ?? throw new TrainerSpecException(
                    $"options.{name}",
                    $"options.{name} is not an option of {Kind}; its options are {string.Join(", ", rules.Select(r => r.Name))}.");
            if (rule.Problem(value) is { } problem)
            {
                throw new TrainerSpecException($"options.{name}", problem + ".");
            }
        }
    }

    public bool WarmStarts(ModelTask task) => TrainerOptions.WarmStarts(Kind, task);

    /// <summary>Whether this trainer trains models of <paramref name="task"/>.</summary>
    public bool Trains(ModelTask task) => TrainerOptions.Trains(Kind, task);
}
