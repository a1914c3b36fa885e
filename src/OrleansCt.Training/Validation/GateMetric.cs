namespace OrleansCt.Training.Validation;

/// <summary>A metric the validation gate judges by: its name (as the registry stores it), its direction and the tasks that report it.</summary>
public sealed class GateMetric
{
    public static readonly GateMetric Accuracy = new("accuracy", true, m => m.Accuracy, ModelTask.Binary, ModelTask.Multiclass);

    public static readonly GateMetric LogLoss = new("logLoss", false, m => m.LogLoss, ModelTask.Binary, ModelTask.Multiclass);

    // ValidationMetrics measures AUC for the positive class only, so a multiclass model has none to judge.
    public static readonly GateMetric Auc = new("auc", true, m => m.Auc, ModelTask.Binary);

    public static readonly GateMetric Rmse = new("rmse", false, m => m.Rmse, ModelTask.Regression);

    public static readonly GateMetric Mae = new("mae", false, m => m.Mae, ModelTask.Regression);

    public static readonly GateMetric R2 = new("r2", true, m => m.R2, ModelTask.Regression);

    private readonly Func<ValidationMetrics, double?> _read;
    private readonly ModelTask[] _tasks;

    private GateMetric(string name, bool higherIsBetter, Func<ValidationMetrics, double?> read, params ModelTask[] tasks)
    {
        Name = name;
        HigherIsBetter = higherIsBetter;
        _read = read;
        _tasks = tasks;
    }

    /// <summary>Every metric, in the order error messages list them.</summary>
    public static IReadOnlyList<GateMetric> All { get; } = [Accuracy, LogLoss, Auc, Rmse, Mae, R2];

    public string Name { get; }

    public bool HigherIsBetter { get; }

    /// <summary>Accuracy for classification, RMSE for regression.</summary>
    public static GateMetric Default(ModelTask task) => task == ModelTask.Regression ? Rmse : Accuracy;

    /// <summary>The metrics measured for <paramref name="task"/>.</summary>
    public static IReadOnlyList<GateMetric> For(ModelTask task) => [.. All.Where(m => m.Measures(task))];

    /// <summary>The metric called exactly <paramref name="name"/>, or null.</summary>
    public static GateMetric? Named(string name) => All.FirstOrDefault(m => m.Name == name);

    public bool Measures(ModelTask task) => _tasks.Contains(task);

    /// <summary>This metric's value in <paramref name="metrics"/>; null when it was not measured (e.g. no row was scored).</summary>
    public double? ValueIn(ValidationMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return _read(metrics);
    }

    /// <summary>How much worse <paramref name="candidate"/> is than <paramref name="champion"/> in this metric's units; negative when better.</summary>
    public double Worsening(double candidate, double champion) => HigherIsBetter ? champion - candidate : candidate - champion;

    public override string ToString() => Name;
}
