namespace OrleansCt.Abstractions.Models;

/// <summary>
/// What a model's coordinator reads when a trigger arrives, as the model grain stands at that moment (without waiting for
/// anything): the last applied sequence and the largest event time by then, the events and labelled rows applied, and the policy
/// in force (the JSON of its PolicySpec, written out in full; null when none was set) with the sequence of its control entry.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansCt.TriggerPoint")]
public sealed record TriggerPoint(
    [property: Id(0)] bool Found,
    [property: Id(1)] long Sequence,
    [property: Id(2)] double? EventTime,
    [property: Id(3)] long Events,
    [property: Id(4)] long Labels,
    [property: Id(5)] byte[]? Policy,
    [property: Id(6)] long PolicySequence);
