namespace OrleansCt.Storage.Log;

/// <summary>One row of the batch index: the fingerprint of the batch a log entry stored.</summary>
public sealed record BatchIndexRow(ulong Fingerprint, long Sequence, long ArrivalUnixMs);
