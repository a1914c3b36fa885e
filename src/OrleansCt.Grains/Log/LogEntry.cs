namespace OrleansCt.Grains.Log;

/// <summary>The payload of one log row, serialized with Orleans' version-tolerant binary format.</summary>
[GenerateSerializer, Alias("OrleansCt.LogEntry")]
public abstract record LogEntry([property: Id(0)] long ArrivalUnixMs);
