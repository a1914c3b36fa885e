namespace OrleansCt.Storage.Log;

/// <summary>
/// What a model's log retains: entries (rows), events (the sum of their counts), payload bytes, and the lowest and highest
/// retained sequence (both 0 when nothing is retained; the log's true last sequence is <see cref="IEventLog.LastSequenceAsync"/>).
/// </summary>
public sealed record LogSize(long Entries, long Events, long PayloadBytes, long FirstSequence, long LastSequence);
