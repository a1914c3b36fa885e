namespace OrleansCt.Core.Registry;

/// <summary>
/// One version of a model, immutable once registered (only its tags and whether its artifact was dropped change): what it is,
/// where it came from, how it was trained and checked, and what that cost.
/// </summary>
public sealed record ModelVersion
{
    /// <summary>"1", "2", …: in registration order; "1" is the online learner every model starts with.</summary>
    public required string Id { get; init; }

    public required VersionKind Kind { get; init; }

    /// <summary>The version this one was trained or warm-started from; null for the first and for uploaded ones.</summary>
    public string? Parent { get; init; }

    /// <summary>"online", "lightgbm", "fasttree", "sdca", "lbfgs", …, or "upload".</summary>
    public required string Trainer { get; init; }

    public IReadOnlyDictionary<string, double> Options { get; init; } = new Dictionary<string, double>();

    public int? Seed { get; init; }

    /// <summary>The packages the artifact was made with (e.g. Microsoft.ML 6.0.0), to say what can load it.</summary>
    public IReadOnlyDictionary<string, string> Packages { get; init; } = new Dictionary<string, string>();

    public TrainingWindow? Window { get; init; }

    /// <summary>"registration", "demand", "periodic", "drift", "performance", "upload", …</summary>
    public required string Trigger { get; init; }

    public string? Reason { get; init; }

    /// <summary>What made it ("retrain 3", "upload"): a retrain that registers again after a crash finds its version by it.</summary>
    public string? Origin { get; init; }

    /// <summary>Metrics on named data ("holdout.accuracy", "holdout.logLoss", …).</summary>
    public IReadOnlyDictionary<string, double> Validation { get; init; } = new Dictionary<string, double>();

    public TrainingCost? Cost { get; init; }

    public ArtifactRef? Artifact { get; init; }

    /// <summary>Wall time of registration, Unix milliseconds.</summary>
    public long CreatedUnixMs { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}
