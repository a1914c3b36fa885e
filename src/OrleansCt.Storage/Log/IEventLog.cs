namespace OrleansCt.Storage.Log;

/// <summary>The per-model append-only log and its id index (DESIGN.md, "The event log contract").</summary>
public interface IEventLog
{
    /// <summary>
    /// Appends one entry and its id-index block in one transaction. Returns only once the entry is durable.
    /// Throws <see cref="LogConflictException"/> when (model, sequence) exists.
    /// </summary>
    Task AppendAsync(LogRecord record, CancellationToken cancellationToken = default);

    /// <summary>Entries with sequence greater than <paramref name="afterSequence"/>, in order, at most <paramref name="maxCount"/>.</summary>
    Task<IReadOnlyList<LogRecord>> ReadAfterAsync(string model, long afterSequence, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>One entry, or null when it does not exist (or is no longer retained).</summary>
    Task<LogRecord?> ReadAsync(string model, long sequence, CancellationToken cancellationToken = default);

    /// <summary>The highest sequence of the model's log; 0 when it is empty.</summary>
    Task<long> LastSequenceAsync(string model, CancellationToken cancellationToken = default);

    /// <summary>
    /// Looks up event id hashes in the id index among entries that arrived at or after <paramref name="minArrivalUnixMs"/>.
    /// Returns one location per hash found (the latest when a hash occurs more than once); absent hashes are omitted.
    /// </summary>
    Task<IReadOnlyList<IdLocation>> FindIdsAsync(string model, IReadOnlyCollection<ulong> hashes, long minArrivalUnixMs, CancellationToken cancellationToken = default);

    /// <summary>The id-index blocks of entries that arrived at or after <paramref name="minArrivalUnixMs"/>, in sequence order (to warm an in-memory index).</summary>
    Task<IReadOnlyList<IdIndexBlock>> ReadIdIndexAsync(string model, long minArrivalUnixMs, CancellationToken cancellationToken = default);
}
