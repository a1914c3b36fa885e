namespace OrleansCt.Abstractions.Models;

/// <summary>What a registration did.</summary>
[GenerateSerializer, Alias("OrleansCt.RegisterStatus")]
public enum RegisterStatus
{
    Created,
    Updated,
    Unchanged,
    Invalid,
    Conflict,
}
