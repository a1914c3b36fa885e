namespace OrleansCt.Storage.Log;

/// <summary>
/// What one trim dropped: entries, events (the sum of their counts) and payload bytes. <see cref="FirstRetainedSequence"/>
/// is the lowest sequence the log still holds after the trim, or 0 when it now holds none.
/// </summary>
public sealed record TrimResult(long Entries, long Events, long PayloadBytes, long FirstRetainedSequence);
