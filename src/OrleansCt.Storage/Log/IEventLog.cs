namespace OrleansCt.Storage.Log;

/// <summary>The per-model append-only log and its id index (DESIGN.md, "The event log contract").</summary>
public interface IEventLog
{
    /// <summary>
    /// Appends one entry and its id-index block in one transaction. Returns only once the entry is durable.
    /// Throws <see cref="LogConflictException"/> when (model, sequence) exists or was dropped by <see cref="TrimAsync"/>
    /// (any sequence at or below the highest one ever trimmed counts as taken).
    /// </summary>
    Task AppendAsync(LogRecord record, CancellationToken cancellationToken = default);

    /// <summary>Entries with sequence greater than <paramref name="afterSequence"/>, in order, at most <paramref name="maxCount"/>.</summary>
    Task<IReadOnlyList<LogRecord>> ReadAfterAsync(string model, long afterSequence, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>One entry, or null when it does not exist (or is no longer retained).</summary>
    Task<LogRecord?> ReadAsync(string model, long sequence, CancellationToken cancellationToken = default);

    /// <summary>
    /// The highest sequence the model's log ever held; 0 when nothing was ever appended. It stays the true last sequence
    /// after a trim dropped every entry, so a sequence is never handed out twice.
    /// </summary>
    Task<long> LastSequenceAsync(string model, CancellationToken cancellationToken = default);

    /// <summary>
    /// Looks up event id hashes in the id index among entries that arrived at or after <paramref name="minArrivalUnixMs"/>.
    /// Returns one location per hash found (the latest when a hash occurs more than once); absent hashes are omitted.
    /// </summary>
    Task<IReadOnlyList<IdLocation>> FindIdsAsync(string model, IReadOnlyCollection<ulong> hashes, long minArrivalUnixMs, CancellationToken cancellationToken = default);

    /// <summary>
    /// The id-index blocks of entries that arrived at or after <paramref name="minArrivalUnixMs"/>, in sequence order (to warm an
    /// in-memory index): the newest ones, taken newest first while fewer than <paramref name="maxHashes"/> hashes are taken.
    /// </summary>
    Task<IReadOnlyList<IdIndexBlock>> ReadIdIndexAsync(string model, long minArrivalUnixMs, int maxHashes = int.MaxValue, CancellationToken cancellationToken = default);

    /// <summary>
    /// The latest entry stored with this batch fingerprint (<see cref="LogRecord.Fingerprint"/>) that arrived at or after
    /// <paramref name="minArrivalUnixMs"/>; null when there is none. One indexed look-up, whatever the size of the log.
    /// </summary>
    Task<long?> FindBatchAsync(string model, ulong fingerprint, long minArrivalUnixMs, CancellationToken cancellationToken = default);

    /// <summary>The newest <paramref name="maxCount"/> batch fingerprints of entries that arrived at or after <paramref name="minArrivalUnixMs"/>, in sequence order.</summary>
    Task<IReadOnlyList<BatchIndexRow>> ReadBatchIndexAsync(string model, long minArrivalUnixMs, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>The size of the model's retained log; all zeros for an empty or unknown model.</summary>
    Task<LogSize> SizeAsync(string model, CancellationToken cancellationToken = default);

    /// <summary>
    /// Drops the oldest entries of a model (DESIGN.md, "The event log contract", point 8), never one with a sequence above
    /// <paramref name="maxSequence"/>: entries no checkpoint covers yet must stay for replay. First by age: the oldest
    /// entries that arrived before <paramref name="minArrivalUnixMs"/>, up to the first one that arrived at or after it
    /// (arrival times rise with the sequence, one writer stamps them; should a clock step back, the cut stops there so no
    /// younger entry is dropped for its age and the retained log stays one unbroken run of sequences). Then by size: oldest
    /// first, as many more as needed for the retained payload bytes to be at most <paramref name="maxBytes"/> (null: no
    /// size limit). Their id-index blocks go in the same transaction. Returns what was dropped.
    /// </summary>
    Task<TrimResult> TrimAsync(string model, long maxSequence, long minArrivalUnixMs, long? maxBytes, CancellationToken cancellationToken = default);
}
