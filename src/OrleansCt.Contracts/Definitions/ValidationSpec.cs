namespace OrleansCt.Contracts;

/// <summary>What a batch's schema violations beyond types do: "count" accepts and counts them as data quality; "reject" refuses the batch.</summary>
public sealed record ValidationSpec
{
    /// <summary>Values outside a numeric feature's [min, max], categories outside its listed domain: "count" (default) or "reject".</summary>
    public string OnViolation { get; init; } = "count";

    /// <summary>
    /// Features the schema does not know and required features that are absent: "reject" (default: the batch is a 400)
    /// or "count" (unknown features are dropped and counted per name, absent ones read as missing and show in the missing rates).
    /// </summary>
    public string OnSchemaChange { get; init; } = "reject";
}
