namespace OrleansCt.Storage.Log;

/// <summary>Where an event id hash was found: the log entry and the event's position in it.</summary>
public sealed record IdLocation(ulong Hash, long Sequence, int Position, long ArrivalUnixMs);
