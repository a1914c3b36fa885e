namespace OrleansCt.Contracts;

/// <summary>A model as its owner registers it: task, target, classes, features and learner.</summary>
public sealed record ModelDefinition
{
    public required ModelTask Task { get; init; }

    /// <summary>Name of the label column (documentation and CSV import).</summary>
    public required string Target { get; init; }

    /// <summary>Class names of a classification model, in a fixed order; empty for regression.</summary>
    public IReadOnlyList<string> Classes { get; init; } = [];

    /// <summary>The class that precision and recall speak of (binary); defaults to the last class.</summary>
    public string? PositiveClass { get; init; }

    public required IReadOnlyList<FeatureSpec> Features { get; init; }

    public LearnerSpec Learner { get; init; } = new();

    public MonitoringSpec Monitoring { get; init; } = new();

    public ValidationSpec Validation { get; init; } = new();

    public AlertSpec Alerts { get; init; } = new();
}
