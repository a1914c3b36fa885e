using OrleansCt.Storage.Sql;

namespace OrleansCt.Storage.Log;

/// <summary>
/// What the SQLite and PostgreSQL logs do alike: every read, over <see cref="LogSql"/>. Each backend brings how it appends,
/// how it runs a read and where a trim runs (its own execution model); <see cref="LogTrim"/> is the trim itself.
/// </summary>
public abstract class SqlEventLog : IEventLog
{
    // Blocks are read in pages so a lookup that finds its ids in recent entries stops without reading the whole horizon.
    private const int BlockPage = 256;

    private protected SqlEventLog(LogSql sql)
    {
        Sql = sql;
    }

    private protected LogSql Sql { get; }

    public abstract Task AppendAsync(LogRecord record, CancellationToken cancellationToken = default);

    public abstract Task<TrimResult> TrimAsync(string model, long maxSequence, long minArrivalUnixMs, long? maxBytes, CancellationToken cancellationToken = default);

    public Task<IReadOnlyList<LogRecord>> ReadAfterAsync(string model, long afterSequence, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxCount);
        return RunReadAsync<IReadOnlyList<LogRecord>>(
            async (session, token) =>
            {
                var command = session.Command(LogSql.SelectAfter).With("@model", model).With("@after", afterSequence).With("@max", maxCount);
                var records = new List<LogRecord>();
                await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
                while (await reader.ReadAsync(token).ConfigureAwait(false))
                {
                    records.Add(LogRecordReader.Read(reader, model));
                }

                return records;
            },
            cancellationToken);
    }

    public Task<LogRecord?> ReadAsync(string model, long sequence, CancellationToken cancellationToken = default) =>
        RunReadAsync(
            async (session, token) =>
            {
                var command = session.Command(LogSql.SelectEntry).With("@model", model).With("@sequence", sequence);
                await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
                return await reader.ReadAsync(token).ConfigureAwait(false) ? LogRecordReader.Read(reader, model) : null;
            },
            cancellationToken);

    public Task<long> LastSequenceAsync(string model, CancellationToken cancellationToken = default) =>
        RunReadAsync((session, token) => session.Command(Sql.LastSequence).With("@model", model).Int64Async(token), cancellationToken);

    public Task<IReadOnlyList<IdLocation>> FindIdsAsync(string model, IReadOnlyCollection<ulong> hashes, long minArrivalUnixMs, CancellationToken cancellationToken = default)
    {
        var search = new IdSearch(hashes);
        if (search.Done)
        {
            return Task.FromResult(search.Found);
        }

        return RunReadAsync(
            async (session, token) =>
            {
                var before = long.MaxValue;
                var rows = BlockPage;
                while (rows == BlockPage && !search.Done)
                {
                    token.ThrowIfCancellationRequested();
                    rows = 0;
                    var command = session.Command(LogSql.SelectBlockPage)
                        .With("@model", model)
                        .With("@min", minArrivalUnixMs)
                        .With("@before", before)
                        .With("@page", BlockPage);
                    await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
                    while (!search.Done && await reader.ReadAsync(token).ConfigureAwait(false))
                    {
                        rows++;
                        before = reader.GetInt64(0);
                        search.Offer(before, reader.GetInt64(1), reader.GetFieldValue<byte[]>(2));
                    }
                }

                return search.Found;
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<IdIndexBlock>> ReadIdIndexAsync(string model, long minArrivalUnixMs, int maxHashes = int.MaxValue, CancellationToken cancellationToken = default) =>
        RunReadAsync<IReadOnlyList<IdIndexBlock>>(
            async (session, token) =>
            {
                var command = session.Command(LogSql.SelectBlocks).With("@model", model).With("@min", minArrivalUnixMs);
                var blocks = new List<IdIndexBlock>();
                var taken = 0L;
                await using (var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false))
                {
                    while (taken < maxHashes && await reader.ReadAsync(token).ConfigureAwait(false))
                    {
                        var block = new IdIndexBlock(reader.GetInt64(0), reader.GetInt64(1), HashBlock.Unpack(reader.GetFieldValue<byte[]>(2)));
                        blocks.Add(block);
                        taken += block.Hashes.Length;
                    }
                }

                blocks.Reverse();
                return blocks;
            },
            cancellationToken);

    // One indexed look-up on a kept statement: a busy model asks it for every batch that memory does not cover.
    public Task<long?> FindBatchAsync(string model, ulong fingerprint, long minArrivalUnixMs, CancellationToken cancellationToken = default) =>
        RunReadAsync(
            async (session, token) =>
            {
                var command = session.Command(LogSql.SelectBatch).With("@model", model).With("@fingerprint", unchecked((long)fingerprint)).With("@min", minArrivalUnixMs);
                return await command.ExecuteScalarAsync(token).ConfigureAwait(false) is long sequence ? sequence : (long?)null;
            },
            cancellationToken);

    public Task<IReadOnlyList<BatchIndexRow>> ReadBatchIndexAsync(string model, long minArrivalUnixMs, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxCount);
        return RunReadAsync<IReadOnlyList<BatchIndexRow>>(
            async (session, token) =>
            {
                var command = session.Command(LogSql.SelectBatchIndex).With("@model", model).With("@min", minArrivalUnixMs).With("@max", maxCount);
                var rows = new List<BatchIndexRow>();
                await using (var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(token).ConfigureAwait(false))
                    {
                        rows.Add(new BatchIndexRow(unchecked((ulong)reader.GetInt64(0)), reader.GetInt64(1), reader.GetInt64(2)));
                    }
                }

                rows.Reverse();
                return rows;
            },
            cancellationToken);
    }

    public Task<LogSize> SizeAsync(string model, CancellationToken cancellationToken = default) =>
        RunReadAsync(
            async (session, token) =>
            {
                await using var reader = await session.Command(Sql.Size).With("@model", model).ExecuteReaderAsync(token).ConfigureAwait(false);
                await reader.ReadAsync(token).ConfigureAwait(false);
                return new LogSize(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
            },
            cancellationToken);

    /// <summary>Runs <paramref name="read"/> on a session of the backend's choosing; it sees every append that has been acknowledged.</summary>
    private protected abstract Task<T> RunReadAsync<T>(Func<ISqlSession, CancellationToken, Task<T>> read, CancellationToken cancellationToken);
}
