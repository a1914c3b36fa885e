namespace OrleansCt.Grains.Model;

/// <summary>The policy a model's log holds: the JSON of its PolicySpec, the sequence of its control entry, who set it and why.</summary>
[GenerateSerializer, Immutable, Alias("OrleansCt.PolicyState")]
public sealed record PolicyState(
    [property: Id(0)] byte[] Policy,
    [property: Id(1)] long Sequence,
    [property: Id(2)] string By,
    [property: Id(3)] string? Reason,
    [property: Id(4)] double? EventTime);
