using OrleansCt.Core.Learning;
using OrleansCt.Core.Schema;

namespace OrleansCt.Abstractions.Models;

/// <summary>
/// An immutable copy of what a version predicts with: the definition (at a revision) and the learner's weights
/// after the log entry at <see cref="Sequence"/>, identified by <see cref="Digest"/>. <see cref="Version"/> is the champion: the
/// online learner ("1", predicting with <see cref="State"/>) or an ML.NET version, predicting with the zip whose SHA-256 is
/// <see cref="ArtifactSha256"/> (the learner's state still travels: it keeps learning beside it).
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansCt.ModelSnapshot")]
public sealed record ModelSnapshot(
    [property: Id(0)] string Model,
    [property: Id(1)] int Revision,
    [property: Id(2)] ModelDefinition Definition,
    [property: Id(3)] string Version,
    [property: Id(4)] long Sequence,
    [property: Id(5)] string Digest,
    [property: Id(6)] LearnerState State,
    [property: Id(7)] string? ArtifactSha256 = null)
{
    /// <summary>What identifies the predictor that answers: the zip's SHA-256 for an ML.NET champion, else the learner's digest.</summary>
    public string AnsweringDigest => ArtifactSha256 ?? Digest;
}
