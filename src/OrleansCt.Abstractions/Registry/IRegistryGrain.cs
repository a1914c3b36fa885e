namespace OrleansCt.Abstractions.Registry;

/// <summary>A model's registry (key: the model): its versions with their metadata and lineage, and who holds each alias.</summary>
[Alias("OrleansCt.IRegistryGrain")]
public interface IRegistryGrain : IGrainWithStringKey
{
    /// <summary>Every version and alias move; null when the model is not registered.</summary>
    [Alias("List")]
    Task<VersionListResponse?> List();

    /// <summary>Replaces a version's tags (the only thing about a version that changes besides a dropped artifact).</summary>
    [Alias("SetTags")]
    Task<TagsResult> SetTags(string version, Dictionary<string, string> tags);
}
