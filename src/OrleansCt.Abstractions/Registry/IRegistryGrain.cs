namespace OrleansCt.Abstractions.Registry;

/// <summary>A model's registry (key: the model): its versions with their metadata and lineage, and who holds each alias.</summary>
[Alias("OrleansCt.IRegistryGrain")]
public interface IRegistryGrain : IGrainWithStringKey
{
    /// <summary>Every version and alias move; null when the model is not registered.</summary>
    [Alias("List")]
    Task<VersionListResponse?> List();

    /// <summary>One version; null when the model or the version is unknown.</summary>
    [Alias("Get")]
    Task<VersionView?> Get(string version);

    /// <summary>Replaces a version's tags (the only thing about a version that changes besides a dropped artifact).</summary>
    [Alias("SetTags")]
    Task<TagsResult> SetTags(string version, Dictionary<string, string> tags);

    /// <summary>Stores the draft's artifact with the log and records the version; then drops the artifacts retention lets go.</summary>
    [Alias("Register")]
    Task<RegisterVersionResult> Register(Immutable<VersionDraft> draft);

    /// <summary>
    /// Moves <c>champion</c> to <paramref name="version"/>: requested here, committed once the model grain has logged its promotion
    /// entry (the sequence from which it answers). With <paramref name="switchReference"/>, drift is measured from then on
    /// against the version's training window.
    /// </summary>
    [Alias("Promote")]
    Task<AliasResult> Promote(string version, string reason, string by, bool switchReference);

    /// <summary>
    /// Moves <c>champion</c> back: to <paramref name="to"/>, or (null) to the version that was champion before the current one, as a
    /// promotion whose reason says it is a rollback; drift is then measured against that version's training window, if it has one.
    /// </summary>
    [Alias("Rollback")]
    Task<AliasResult> Rollback(string? to, string reason, string by);

    /// <summary>Activates the registry, which drives a move a crash left half done to its end.</summary>
    [Alias("Resume")]
    Task Resume();
}
