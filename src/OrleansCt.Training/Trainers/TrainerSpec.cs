namespace OrleansCt.Training.Trainers;

/// <summary>How to train a version: the trainer, its options by ML.NET name (camelCase; booleans 0 or 1) and the seed.</summary>
public sealed record TrainerSpec(TrainerKind Kind, IReadOnlyDictionary<string, double>? Options = null, int Seed = 0)
{
    /// <summary>
    /// LightGBM for every task. On housing FastTree was not better (held-out RMSE −1.2 % at 10,000 training rows, +0.7 % at
    /// 4,000 and +1.3 % at 16,000) and took 4–12× as long; on elec2 LightGBM matched FastTree's accuracy (docs/architecture.md).
    /// </summary>
    public static TrainerSpec Default(ModelTask task, int seed = 0) => new(TrainerKind.LightGbm, null, seed);

    public IReadOnlyDictionary<string, double> OptionValues => Options ?? new Dictionary<string, double>();

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

    internal double? Option(string name) => OptionValues.TryGetValue(name, out var value) ? value : null;
}
