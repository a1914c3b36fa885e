namespace OrleansCt.Abstractions.Training;

/// <summary>A retrain not decided yet and the event time from which its candidate answers (the deterministic mode).</summary>
[GenerateSerializer, Immutable, Alias("OrleansCt.RetrainDue")]
public sealed record RetrainDue([property: Id(0)] string Id, [property: Id(1)] double Due);
