namespace OrleansCt.Abstractions.Models;

/// <summary>How a read of a model's stats or drift ended; the HTTP edge maps it to a status code.</summary>
[GenerateSerializer, Alias("OrleansCt.ReadStatus")]
public enum ReadStatus
{
    /// <summary>Read; the result carries the answer.</summary>
    Ok,

    /// <summary>The model is not registered (404).</summary>
    NotFound,

    /// <summary>A parameter is invalid (400); the result names it.</summary>
    Invalid,
}
