namespace OrleansCt.Grains.Registry;

/// <summary>A registry grain's stored state: the JSON of a Core RegistryState (RegistryStateJson).</summary>
[GenerateSerializer, Alias("OrleansCt.RegistryGrainState")]
public sealed class RegistryGrainState
{
    [Id(0)] public byte[]? Json { get; set; }
}
