namespace OrleansCt.Core.Registry;

/// <summary>What a model version is made of.</summary>
public enum VersionKind
{
    /// <summary>The online learner: a series of immutable snapshots (weights at a log sequence, with a digest).</summary>
    Online,

    /// <summary>A trained ML.NET pipeline, saved as a zip artifact.</summary>
    MlNet,
}
