using OrleansCt.Core.Schema;

namespace OrleansCt.Abstractions.Models;

/// <summary>A model's definition and how much it has seen and learned.</summary>
[GenerateSerializer, Immutable, Alias("OrleansCt.ModelInfo")]
public sealed record ModelInfo(
    [property: Id(0)] string Model,
    [property: Id(1)] ModelDefinition Definition,
    [property: Id(2)] string Champion,
    [property: Id(3)] long Events,
    [property: Id(4)] long Labels,
    [property: Id(5)] long UnmatchedLabels,
    [property: Id(6)] long LearnerUpdates,
    [property: Id(7)] long LastSequence,
    [property: Id(8)] long CheckpointSequence,
    [property: Id(9)] Performance Performance,
    [property: Id(10)] long SnapshotSequence,
    [property: Id(11)] string SnapshotDigest,
    [property: Id(12)] RetentionTotals Retention);
