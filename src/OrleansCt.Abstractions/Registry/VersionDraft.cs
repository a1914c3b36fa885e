namespace OrleansCt.Abstractions.Registry;

/// <summary>
/// A version to register: everything its record holds but the id and creation time, which the registry gives, and the bytes of
/// its ML.NET zip (null for an online version). <see cref="Origin"/> makes registering idempotent: a draft whose origin is
/// already registered returns that version.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansCt.VersionDraft")]
public sealed record VersionDraft(
    [property: Id(0)] string Origin,
    [property: Id(1)] string? Parent,
    [property: Id(2)] string Trainer,
    [property: Id(3)] Dictionary<string, double> Options,
    [property: Id(4)] int? Seed,
    [property: Id(5)] Dictionary<string, string> Packages,
    [property: Id(6)] TrainingWindowView? Window,
    [property: Id(7)] string Trigger,
    [property: Id(8)] string? Reason,
    [property: Id(9)] Dictionary<string, double> Validation,
    [property: Id(10)] TrainingCostView? Cost,
    [property: Id(11)] byte[]? Artifact,
    [property: Id(12)] Dictionary<string, string>? Tags = null);
