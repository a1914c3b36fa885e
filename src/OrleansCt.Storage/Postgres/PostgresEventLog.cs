using Npgsql;
using OrleansCt.Storage.Log;

namespace OrleansCt.Storage.Postgres;

/// <summary>The event log and id index in PostgreSQL.</summary>
public sealed class PostgresEventLog(PostgresDatabase database) : IEventLog
{
    // Blocks are read in pages so a lookup that finds its ids in recent entries stops without reading the whole horizon.
    private const int BlockPage = 256;

    private const string InsertEntry = """
        INSERT INTO log (model, sequence, kind, first_time, last_time, count, arrival_ms, payload)
        VALUES (@model, @sequence, @kind, @first, @last, @count, @arrival, @payload)
        """;

    private const string InsertBlock = "INSERT INTO id_index (model, sequence, arrival_ms, hashes) VALUES (@model, @sequence, @arrival, @hashes)";

    private const string SelectEntries = """
        SELECT l.sequence, l.kind, l.first_time, l.last_time, l.count, l.arrival_ms, l.payload, i.hashes
        FROM log l LEFT JOIN id_index i ON i.model = l.model AND i.sequence = l.sequence
        """;

    public async Task AppendAsync(LogRecord record, CancellationToken cancellationToken = default)
    {
        LogRecordChecks.Validate(record);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection, transaction);
        var entry = new NpgsqlBatchCommand(InsertEntry);
        entry.Parameters.AddWithValue("model", record.Model);
        entry.Parameters.AddWithValue("sequence", record.Sequence);
        entry.Parameters.AddWithValue("kind", (short)record.Kind);
        entry.Parameters.AddWithValue("first", record.FirstEventTime);
        entry.Parameters.AddWithValue("last", record.LastEventTime);
        entry.Parameters.AddWithValue("count", record.Count);
        entry.Parameters.AddWithValue("arrival", record.ArrivalUnixMs);
        entry.Parameters.AddWithValue("payload", record.Payload);
        batch.BatchCommands.Add(entry);
        if (record.IdHashes.Length > 0)
        {
            var block = new NpgsqlBatchCommand(InsertBlock);
            block.Parameters.AddWithValue("model", record.Model);
            block.Parameters.AddWithValue("sequence", record.Sequence);
            block.Parameters.AddWithValue("arrival", record.ArrivalUnixMs);
            block.Parameters.AddWithValue("hashes", HashBlock.Pack(record.IdHashes));
            batch.BatchCommands.Add(block);
        }

        try
        {
            // Both rows in one round trip, in the one transaction: the entry and its index block land together or not at all.
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException exception) when (PostgresDatabase.IsUniqueViolation(exception))
        {
            throw new LogConflictException(record.Model, record.Sequence);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<LogRecord>> ReadAfterAsync(string model, long afterSequence, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxCount);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(SelectEntries + " WHERE l.model = @model AND l.sequence > @after ORDER BY l.sequence LIMIT @max", connection);
        command.Parameters.AddWithValue("model", model);
        command.Parameters.AddWithValue("after", afterSequence);
        command.Parameters.AddWithValue("max", maxCount);
        var records = new List<LogRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(ReadEntry(reader, model));
        }

        return records;
    }

    public async Task<LogRecord?> ReadAsync(string model, long sequence, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(SelectEntries + " WHERE l.model = @model AND l.sequence = @sequence", connection);
        command.Parameters.AddWithValue("model", model);
        command.Parameters.AddWithValue("sequence", sequence);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadEntry(reader, model) : null;
    }

    public async Task<long> LastSequenceAsync(string model, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT COALESCE(MAX(sequence), 0) FROM log WHERE model = @model", connection);
        command.Parameters.AddWithValue("model", model);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public async Task<IReadOnlyList<IdLocation>> FindIdsAsync(string model, IReadOnlyCollection<ulong> hashes, long minArrivalUnixMs, CancellationToken cancellationToken = default)
    {
        var search = new IdSearch(hashes);
        if (search.Done)
        {
            return search.Found;
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            """
            SELECT sequence, arrival_ms, hashes FROM id_index
            WHERE model = @model AND arrival_ms >= @min AND sequence < @before
            ORDER BY sequence DESC LIMIT @page
            """,
            connection);
        command.Parameters.AddWithValue("model", model);
        command.Parameters.AddWithValue("min", minArrivalUnixMs);
        var before = command.Parameters.AddWithValue("before", long.MaxValue);
        command.Parameters.AddWithValue("page", BlockPage);
        var rows = BlockPage;
        while (rows == BlockPage && !search.Done)
        {
            rows = 0;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (!search.Done && await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows++;
                var sequence = reader.GetInt64(0);
                before.Value = sequence;
                search.Offer(sequence, reader.GetInt64(1), reader.GetFieldValue<byte[]>(2));
            }
        }

        return search.Found;
    }

    public async Task<IReadOnlyList<IdIndexBlock>> ReadIdIndexAsync(string model, long minArrivalUnixMs, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "SELECT sequence, arrival_ms, hashes FROM id_index WHERE model = @model AND arrival_ms >= @min ORDER BY sequence",
            connection);
        command.Parameters.AddWithValue("model", model);
        command.Parameters.AddWithValue("min", minArrivalUnixMs);
        var blocks = new List<IdIndexBlock>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            blocks.Add(new IdIndexBlock(reader.GetInt64(0), reader.GetInt64(1), HashBlock.Unpack(reader.GetFieldValue<byte[]>(2))));
        }

        return blocks;
    }

    private static LogRecord ReadEntry(NpgsqlDataReader reader, string model) => new(
        model,
        reader.GetInt64(0),
        (LogEntryKind)reader.GetInt16(1),
        reader.GetDouble(2),
        reader.GetDouble(3),
        reader.GetInt32(4),
        reader.GetInt64(5),
        reader.GetFieldValue<byte[]>(6),
        reader.IsDBNull(7) ? [] : HashBlock.Unpack(reader.GetFieldValue<byte[]>(7)));
}
