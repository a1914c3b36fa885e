namespace OrleansCt.Contracts;

/// <summary>One input of a model: its name, type, bounds or domain, and whether it must be present.</summary>
public sealed record FeatureSpec
{
    public required string Name { get; init; }

    public required FeatureType Type { get; init; }

    /// <summary>Inclusive lower bound of a numeric feature; null when unbounded.</summary>
    public double? Min { get; init; }

    /// <summary>Inclusive upper bound of a numeric feature; null when unbounded.</summary>
    public double? Max { get; init; }

    public bool Required { get; init; } = true;

    /// <summary>Other names the feature arrives under (a column renamed upstream), read as this feature.</summary>
    public IReadOnlyList<string>? Aliases { get; init; }

    /// <summary>The known values of a categorical feature; null when the domain is open.</summary>
    public IReadOnlyList<string>? Categories { get; init; }
}
