namespace OrleansCt.Core.Events;

/// <summary>
/// A batch of events in columns: one array per feature, in the schema's numeric and categorical order.
/// A missing numeric value is NaN, a missing categorical value is null, a missing label is NaN.
/// </summary>
public sealed record EventBatch
{
    public required string[] Ids { get; init; }

    /// <summary>Event time in seconds (any epoch); events sent without a time carry their arrival time.</summary>
    public required double[] Times { get; init; }

    /// <summary>[numeric feature][row].</summary>
    public required double[][] Numeric { get; init; }

    /// <summary>[categorical feature][row].</summary>
    public required string?[][] Categorical { get; init; }

    /// <summary>Class index (classification) or value (regression) per row; null when the batch has no labels.</summary>
    public double[]? Labels { get; init; }

    /// <summary>Features the batch carried that the schema does not know, with how many events carried each (schema changes counted, not rejected).</summary>
    public IReadOnlyDictionary<string, long>? NewFeatures { get; init; }

    public int Count => Ids.Length;
}
