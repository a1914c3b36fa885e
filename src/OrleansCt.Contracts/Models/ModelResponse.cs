
namespace OrleansCt.Contracts;

/// <summary>GET /v1/models/{model}: the definition's fields plus what the model has seen and learned.</summary>
public sealed record ModelResponse
{
    public required string Name { get; init; }

    public required ModelTask Task { get; init; }

    public required string Target { get; init; }

    public IReadOnlyList<string> Classes { get; init; } = [];

    public string? PositiveClass { get; init; }

    public required IReadOnlyList<FeatureSpec> Features { get; init; }

    public required LearnerSpec Learner { get; init; }

    public MonitoringSpec Monitoring { get; init; } = new();

    public ValidationSpec Validation { get; init; } = new();

    public required string Champion { get; init; }

    public long Events { get; init; }

    /// <summary>Labels joined to a logged prediction.</summary>
    public long Labels { get; init; }

    public long UnmatchedLabels { get; init; }

    public long LearnerUpdates { get; init; }

    public long LastSequence { get; init; }

    public long CheckpointSequence { get; init; }

    public required PerformanceView Performance { get; init; }

    /// <summary>The snapshot the champion serves from now: the log sequence it covers and the digest of its weights.</summary>
    public SnapshotView? Snapshot { get; init; }

    /// <summary>What retention has dropped from the log so far.</summary>
    public RetentionView? Retention { get; init; }

    public ModelDefinition ToDefinition() => new()
    {
        Task = Task, Target = Target, Classes = Classes, PositiveClass = PositiveClass, Features = Features, Learner = Learner, Monitoring = Monitoring, Validation = Validation,
    };
}
