namespace OrleansCt.Abstractions.Models;

/// <summary>What retention has dropped from a model's log so far, and the first sequence still kept.</summary>
[GenerateSerializer, Immutable, Alias("OrleansCt.RetentionTotals")]
public sealed record RetentionTotals(
    [property: Id(0)] long Entries,
    [property: Id(1)] long Events,
    [property: Id(2)] long Bytes,
    [property: Id(3)] long FirstRetainedSequence);
