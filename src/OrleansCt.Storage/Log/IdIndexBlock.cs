namespace OrleansCt.Storage.Log;

/// <summary>The id hashes of one log entry, in position order.</summary>
public sealed record IdIndexBlock(long Sequence, long ArrivalUnixMs, ulong[] Hashes);
