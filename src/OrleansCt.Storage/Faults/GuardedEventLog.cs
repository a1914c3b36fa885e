using OrleansCt.Storage.Log;

namespace OrleansCt.Storage.Faults;

/// <summary>The log of either backend, with its storage failures raised as <see cref="Abstractions.Storage.StorageUnavailableException"/>.</summary>
public sealed class GuardedEventLog(IEventLog inner, string storage) : IEventLog
{
    public Task AppendAsync(LogRecord record, CancellationToken cancellationToken = default) =>
        StorageFault.Guard(() => inner.AppendAsync(record, cancellationToken), storage);

    public Task<IReadOnlyList<LogRecord>> ReadAfterAsync(string model, long afterSequence, int maxCount, CancellationToken cancellationToken = default) =>
        StorageFault.Guard(() => inner.ReadAfterAsync(model, afterSequence, maxCount, cancellationToken), storage);

    public Task<LogRecord?> ReadAsync(string model, long sequence, CancellationToken cancellationToken = default) =>
        StorageFault.Guard(() => inner.ReadAsync(model, sequence, cancellationToken), storage);

    public Task<long> LastSequenceAsync(string model, CancellationToken cancellationToken = default) =>
        StorageFault.Guard(() => inner.LastSequenceAsync(model, cancellationToken), storage);

    public Task<IReadOnlyList<IdLocation>> FindIdsAsync(string model, IReadOnlyCollection<ulong> hashes, long minArrivalUnixMs, CancellationToken cancellationToken = default) =>
        StorageFault.Guard(() => inner.FindIdsAsync(model, hashes, minArrivalUnixMs, cancellationToken), storage);

    public Task<IReadOnlyList<IdIndexBlock>> ReadIdIndexAsync(string model, long minArrivalUnixMs, int maxHashes = int.MaxValue, CancellationToken cancellationToken = default) =>
        StorageFault.Guard(() => inner.ReadIdIndexAsync(model, minArrivalUnixMs, maxHashes, cancellationToken), storage);

    public Task<long?> FindBatchAsync(string model, ulong fingerprint, long minArrivalUnixMs, CancellationToken cancellationToken = default) =>
        StorageFault.Guard(() => inner.FindBatchAsync(model, fingerprint, minArrivalUnixMs, cancellationToken), storage);

    public Task<IReadOnlyList<BatchIndexRow>> ReadBatchIndexAsync(string model, long minArrivalUnixMs, int maxCount, CancellationToken cancellationToken = default) =>
        StorageFault.Guard(() => inner.ReadBatchIndexAsync(model, minArrivalUnixMs, maxCount, cancellationToken), storage);

    public Task<LogSize> SizeAsync(string model, CancellationToken cancellationToken = default) =>
        StorageFault.Guard(() => inner.SizeAsync(model, cancellationToken), storage);

    public Task<TrimResult> TrimAsync(string model, long maxSequence, long minArrivalUnixMs, long? maxBytes, CancellationToken cancellationToken = default) =>
        StorageFault.Guard(() => inner.TrimAsync(model, maxSequence, minArrivalUnixMs, maxBytes, cancellationToken), storage);
}
