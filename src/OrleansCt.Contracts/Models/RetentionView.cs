namespace OrleansCt.Contracts;

/// <summary>What retention has dropped from a model's log, and the first sequence still kept (0: none dropped yet).</summary>
public sealed record RetentionView(long DroppedEntries, long DroppedEvents, long DroppedBytes, long FirstRetainedSequence);
