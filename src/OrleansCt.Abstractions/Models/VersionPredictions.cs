using OrleansCt.Core.Events;

namespace OrleansCt.Abstractions.Models;

/// <summary>Predictions a version made for an entry's rows beside the ones that answered (e.g. the online learner's, kept learning under an ML.NET champion).</summary>
[GenerateSerializer, Immutable, Alias("OrleansCt.VersionPredictions")]
public sealed record VersionPredictions(
    [property: Id(0)] string Version,
    [property: Id(1)] Predictions Predictions);
