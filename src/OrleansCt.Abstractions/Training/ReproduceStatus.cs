namespace OrleansCt.Abstractions.Training;

/// <summary>How a reproduction went.</summary>
[GenerateSerializer, Alias("OrleansCt.ReproduceStatus")]
public enum ReproduceStatus
{
    Ok,
    NotFound,
    Invalid,

    /// <summary>Retention dropped rows the version was trained on.</summary>
    Gone,
}
