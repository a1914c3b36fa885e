namespace OrleansCt.Grains.Drift;

/// <summary>A feature window's stored state: the JSON of a FeatureWindowState (reference, ring, settings).</summary>
[GenerateSerializer, Alias("OrleansCt.FeatureWindowGrainState")]
public sealed class FeatureWindowGrainState
{
    [Id(0)] public byte[]? Json { get; set; }
}
