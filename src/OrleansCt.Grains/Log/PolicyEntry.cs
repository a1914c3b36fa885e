namespace OrleansCt.Grains.Log;

/// <summary>
/// A control entry: the model's continuous-training policy from this sequence on (the JSON of a PolicySpec written out in full,
/// never "use", so a replay keeps the settings in force), who set it and why.
/// </summary>
[GenerateSerializer, Alias("OrleansCt.PolicyEntry")]
public sealed record PolicyEntry(
    long ArrivalUnixMs,
    [property: Id(0)] byte[] Policy,
    [property: Id(1)] string By,
    [property: Id(2)] string? Reason) : LogEntry(ArrivalUnixMs);
