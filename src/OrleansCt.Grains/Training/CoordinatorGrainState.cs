namespace OrleansCt.Grains.Training;

/// <summary>A coordinator's stored state: the JSON of its retrain records (see CoordinatorJson), oldest first.</summary>
[GenerateSerializer, Alias("OrleansCt.CoordinatorGrainState")]
public sealed class CoordinatorGrainState
{
    [Id(0)] public byte[]? Json { get; set; }
}
