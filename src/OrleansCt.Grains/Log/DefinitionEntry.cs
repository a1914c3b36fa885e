using OrleansCt.Core.Schema;

namespace OrleansCt.Grains.Log;

/// <summary>A control entry: the model's definition from this sequence on.</summary>
[GenerateSerializer, Alias("OrleansCt.DefinitionEntry")]
public sealed record DefinitionEntry(
    long ArrivalUnixMs,
    [property: Id(0)] ModelDefinition Definition,
    [property: Id(1)] int Revision) : LogEntry(ArrivalUnixMs);
