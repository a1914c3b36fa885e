namespace OrleansCt.Contracts;

/// <summary>One column of a reference: the feature inferred from it and the statistics it was inferred from.</summary>
public sealed record InferredFeature
{
    /// <summary>The feature as inferred: type, required, observed [min, max] or domain (null when open).</summary>
    public required FeatureSpec Spec { get; init; }

    public required int Rows { get; init; }

    /// <summary>Rows whose value is missing: null, "", or NaN (any case).</summary>
    public required int Missing { get; init; }

    /// <summary>Missing / Rows.</summary>
    public required double MissingShare { get; init; }

    /// <summary>Distinct non-missing values (numbers compared as numbers), capped at CategoryCap + 1, which reads "more than CategoryCap".</summary>
    public required int Distinct { get; init; }

    /// <summary>Smallest value of a numeric column; null for a categorical one or when every value is missing.</summary>
    public double? Min { get; init; }

    /// <summary>Largest value of a numeric column; null for a categorical one or when every value is missing.</summary>
    public double? Max { get; init; }

    /// <summary>The first non-missing value that is not a finite number; null when every value is one.</summary>
    public string? FirstNonNumber { get; init; }
}
