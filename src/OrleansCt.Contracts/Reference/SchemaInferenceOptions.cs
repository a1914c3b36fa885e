namespace OrleansCt.Contracts;

/// <summary>How schema inference reads a reference.</summary>
public sealed record SchemaInferenceOptions
{
    /// <summary>A categorical column with at most this many distinct values gets them as its domain; with more, its domain is open.</summary>
    public int CategoryCap { get; init; } = 20;

    /// <summary>A column is required when its share of missing values is at most this (0: never missing, as TFDV's min_fraction 1).</summary>
    public double MaxMissingShareForRequired { get; init; }

    /// <summary>Columns to leave out, such as the target, id or time columns; names the reference lacks are ignored.</summary>
    public IReadOnlyCollection<string> Exclude { get; init; } = [];

    /// <summary>Columns to treat as categorical even when every value is a number (codes, days of the week); each must name a column.</summary>
    public IReadOnlyCollection<string> ForceCategorical { get; init; } = [];
}
