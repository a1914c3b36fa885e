namespace OrleansCt.Storage.Log;

/// <summary>
/// One row of a model's log: one batch, never one event. <paramref name="IdHashes"/> (one per event, in
/// position order) goes to the id index beside the log; it may be empty for entries without ids. A non-zero
/// <paramref name="Fingerprint"/> (the batch's <c>BatchFingerprint</c>) goes to the batch index, where a resent batch finds it.
/// </summary>
public sealed record LogRecord(
    string Model,
    long Sequence,
    LogEntryKind Kind,
    double FirstEventTime,
    double LastEventTime,
    int Count,
    long ArrivalUnixMs,
    byte[] Payload,
    ulong[] IdHashes,
    ulong Fingerprint = 0);
