using OrleansCt.Core.Learning;
using OrleansCt.Core.Schema;

namespace OrleansCt.Abstractions.Models;

/// <summary>
/// An immutable copy of what a version predicts with: the definition (at a revision) and the learner's weights
/// after the log entry at <see cref="Sequence"/>, identified by <see cref="Digest"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansCt.ModelSnapshot")]
public sealed record ModelSnapshot(
    [property: Id(0)] string Model,
    [property: Id(1)] int Revision,
    [property: Id(2)] ModelDefinition Definition,
    [property: Id(3)] string Version,
    [property: Id(4)] long Sequence,
    [property: Id(5)] string Digest,
    [property: Id(6)] LearnerState State);
