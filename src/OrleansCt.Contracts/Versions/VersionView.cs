namespace OrleansCt.Contracts;

/// <summary>One model version as the API shows it (GET /v1/models/{model}/versions).</summary>
public sealed record VersionView
{
    public required string Version { get; init; }

    /// <summary>"online" or "mlnet".</summary>
    public required string Kind { get; init; }

    public string? Parent { get; init; }

    /// <summary>This version and its ancestors, newest first.</summary>
    public required IReadOnlyList<string> Lineage { get; init; }

    /// <summary>The aliases it holds now ("champion", "challenger").</summary>
    public required IReadOnlyList<string> Aliases { get; init; }

    public required string Trainer { get; init; }

    public IReadOnlyDictionary<string, double>? Options { get; init; }

    public int? Seed { get; init; }

    public IReadOnlyDictionary<string, string>? Packages { get; init; }

    public TrainingWindowView? Window { get; init; }

    public required string Trigger { get; init; }

    public string? Reason { get; init; }

    /// <summary>What made it: "registration", "retrain 3", "upload", "reproduce 2".</summary>
    public string? Origin { get; init; }

    public TrainingCostView? Cost { get; init; }

    public IReadOnlyDictionary<string, double>? Validation { get; init; }

    public string? ArtifactSha256 { get; init; }

    public long? ArtifactBytes { get; init; }

    public bool ArtifactDropped { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public IReadOnlyDictionary<string, string>? Tags { get; init; }
}
