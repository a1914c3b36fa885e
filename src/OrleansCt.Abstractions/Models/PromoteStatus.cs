namespace OrleansCt.Abstractions.Models;

/// <summary>The outcome of a promotion request.</summary>
[GenerateSerializer, Alias("OrleansCt.PromoteStatus")]
public enum PromoteStatus
{
    /// <summary>The promotion entry is in the log (now, or already before).</summary>
    Logged,

    /// <summary>The model is not registered.</summary>
    NotFound,

    /// <summary>The version cannot answer (its artifact is missing or does not load against the model's schema); nothing was logged.</summary>
    Refused,
}
