namespace OrleansCt.Abstractions.Models;

/// <summary>What setting a reference did; the HTTP edge maps it to a status code.</summary>
[GenerateSerializer, Alias("OrleansCt.ReferenceStatus")]
public enum ReferenceStatus
{
    /// <summary>The reference was logged and set (200).</summary>
    Set,

    /// <summary>The model is not registered (404).</summary>
    NotFound,

    /// <summary>The CSV or the range is unusable (400); nothing was changed.</summary>
    Invalid,

    /// <summary>The inferred schema cannot be accepted: it would change what the model has learned (409); nothing was changed.</summary>
    Conflict,
}
