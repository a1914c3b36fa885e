namespace OrleansCt.Contracts;

/// <summary>One answer: the class and its probabilities (classification) or the value (regression), and the version that made it.</summary>
public sealed record PredictionView
{
    public required string Id { get; init; }

    public required string Version { get; init; }

    public string? Label { get; init; }

    public IReadOnlyDictionary<string, double>? Probabilities { get; init; }

    public double? Value { get; init; }
}
