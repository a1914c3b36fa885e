using OrleansCt.Storage.Log;

namespace OrleansCt.Hosting.Tests.Infrastructure;

/// <summary>
/// The real event log, with appends that are durable before they return (they wait for the inner append on the caller's thread):
/// what a PostgreSQL append does now and then on loopback, when the server's reply is already in the socket. Reads pass through.
/// </summary>
public sealed class DurableOnReturnLog(IEventLog inner) : IEventLog
{
    public Task AppendAsync(LogRecord record, CancellationToken cancellationToken = default)
    {
        try
        {
            inner.AppendAsync(record, cancellationToken).GetAwaiter().GetResult();
            return Task.CompletedTask;
        }
        catch (Exception e)
        {
            return Task.FromException(e);
        }
    }

    public Task<IReadOnlyList<LogRecord>> ReadAfterAsync(string model, long afterSequence, int maxCount, CancellationToken cancellationToken = default) =>
        inner.ReadAfterAsync(model, afterSequence, maxCount, cancellationToken);

    public Task<LogRecord?> ReadAsync(string model, long sequence, CancellationToken cancellationToken = default) => inner.ReadAsync(model, sequence, cancellationToken);

    public Task<long> LastSequenceAsync(string model, CancellationToken cancellationToken = default) => inner.LastSequenceAsync(model, cancellationToken);

    public Task<IReadOnlyList<IdLocation>> FindIdsAsync(string model, IReadOnlyCollection<ulong> hashes, long minArrivalUnixMs, CancellationToken cancellationToken = default) =>
        inner.FindIdsAsync(model, hashes, minArrivalUnixMs, cancellationToken);

    public Task<IReadOnlyList<IdIndexBlock>> ReadIdIndexAsync(string model, long minArrivalUnixMs, int maxHashes = int.MaxValue, CancellationToken cancellationToken = default) =>
        inner.ReadIdIndexAsync(model, minArrivalUnixMs, maxHashes, cancellationToken);

    public Task<long?> FindBatchAsync(string model, ulong fingerprint, long minArrivalUnixMs, CancellationToken cancellationToken = default) =>
        inner.FindBatchAsync(model, fingerprint, minArrivalUnixMs, cancellationToken);

    public Task<IReadOnlyList<BatchIndexRow>> ReadBatchIndexAsync(string model, long minArrivalUnixMs, int maxCount, CancellationToken cancellationToken = default) =>
        inner.ReadBatchIndexAsync(model, minArrivalUnixMs, maxCount, cancellationToken);

    public Task<LogSize> SizeAsync(string model, CancellationToken cancellationToken = default) => inner.SizeAsync(model, cancellationToken);

    public Task<TrimResult> TrimAsync(string model, long maxSequence, long minArrivalUnixMs, long? maxBytes, CancellationToken cancellationToken = default) =>
        inner.TrimAsync(model, maxSequence, minArrivalUnixMs, maxBytes, cancellationToken);
}
