namespace OrleansCt.Storage.GrainState;

/// <summary>A stored grain_state row: its ETag and payload (null once cleared, the row kept so its ETag keeps counting).</summary>
internal readonly record struct GrainStateRow(long ETag, byte[]? Payload);
