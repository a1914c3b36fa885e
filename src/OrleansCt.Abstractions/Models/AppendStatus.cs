namespace OrleansCt.Abstractions.Models;

/// <summary>What the model grain did with a submission.</summary>
[GenerateSerializer, Alias("OrleansCt.AppendStatus")]
public enum AppendStatus
{
    /// <summary>Stored (or, for ids already stored, answered from the log).</summary>
    Stored,

    /// <summary>The model is not registered.</summary>
    NotFound,

    /// <summary>The submission was validated against an older definition: validate again with the fresh snapshot.</summary>
    Stale,

    /// <summary>The batch breaks the model's validation policy against the reference (a missing rate far above it); nothing was stored.</summary>
    Rejected,
}
