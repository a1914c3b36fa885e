namespace OrleansCt.Grains.Model;

/// <summary>
/// The version a model answers with, as its log says: set by a promotion entry at <see cref="Sequence"/> (0: the online learner
/// since registration). <see cref="ArtifactSha256"/> is null for the online learner, else the ML.NET zip that answers.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansCt.Champion")]
public sealed record Champion(
    [property: Id(0)] string Version,
    [property: Id(1)] string? ArtifactSha256,
    [property: Id(2)] long Sequence,
    [property: Id(3)] long MoveId)
{
    /// <summary>Every model starts with its online learner.</summary>
    public static Champion Online { get; } = new(SnapshotFactory.OnlineVersion, null, 0, 0);

    public bool IsMlNet => ArtifactSha256 is not null;
}
