using Npgsql;
using OrleansCt.Storage.Log;

namespace OrleansCt.Storage.Postgres;

/// <summary>
/// The event log and id index in PostgreSQL. Trimmed sequences stay fenced through <c>log_trim</c>, which keeps the
/// highest sequence ever dropped per model: an append at or below it is refused, and <see cref="LastSequenceAsync"/> never
/// reports less than it. Appends hold a shared and trims an exclusive per-model advisory lock, so an append never checks
/// the fence while a trim that will move it is still open (it would then re-insert a sequence the trim is deleting).
/// </summary>
public sealed class PostgresEventLog(PostgresDatabase database) : IEventLog
{
    // Blocks are read in pages so a lookup that finds its ids in recent entries stops without reading the whole horizon.
    private const int BlockPage = 256;

    // Per-model advisory locks keyed (1329812562 = "OCTR", the model's hash); the two-key space is separate from the schema lock's.
    private const string LockShared = "SELECT pg_advisory_xact_lock_shared(1329812562, hashtext(@model))";

    private const string LockExclusive = "SELECT pg_advisory_xact_lock(1329812562, hashtext(@model))";

    // The primary key catches a sequence that is stored; the NOT EXISTS catches one a trim dropped (no row left to collide with).
    private const string InsertEntry = """
        INSERT INTO log (model, sequence, kind, first_time, last_time, count, arrival_ms, payload)
        SELECT @model, @sequence, @kind, @first, @last, @count, @arrival, @payload
        WHERE NOT EXISTS (SELECT 1 FROM log_trim WHERE model = @model AND trimmed_through >= @sequence)
        """;

    private const string InsertBlock = "INSERT INTO id_index (model, sequence, arrival_ms, hashes) VALUES (@model, @sequence, @arrival, @hashes)";

    private const string InsertFingerprint = "INSERT INTO batch_index (model, fingerprint, sequence, arrival_ms) VALUES (@model, @fingerprint, @sequence, @arrival)";

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
        var locked = new NpgsqlBatchCommand(LockShared);
        locked.Parameters.AddWithValue("model", record.Model);
        batch.BatchCommands.Add(locked);
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

        if (record.Fingerprint != 0)
        {
            var fingerprint = new NpgsqlBatchCommand(InsertFingerprint);
            fingerprint.Parameters.AddWithValue("model", record.Model);
            fingerprint.Parameters.AddWithValue("fingerprint", unchecked((long)record.Fingerprint));
            fingerprint.Parameters.AddWithValue("sequence", record.Sequence);
            fingerprint.Parameters.AddWithValue("arrival", record.ArrivalUnixMs);
            batch.BatchCommands.Add(fingerprint);
        }

        try
        {
            // The lock and the rows in one round trip, in the one transaction: the entry and its index block land together or not at all.
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException exception) when (PostgresDatabase.IsUniqueViolation(exception))
        {
            throw new LogConflictException(record.Model, record.Sequence);
        }

        // Fenced by a trim: nothing inserted, and the uncommitted index block is rolled back with the transaction.
        if (entry.RecordsAffected == 0)
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
            records.Add(LogRecordReader.Read(reader, model));
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
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? LogRecordReader.Read(reader, model) : null;
    }

    public async Task<long> LastSequenceAsync(string model, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            """
            SELECT GREATEST(
                (SELECT COALESCE(MAX(sequence), 0) FROM log WHERE model = @model),
                (SELECT COALESCE(MAX(trimmed_through), 0) FROM log_trim WHERE model = @model))
            """,
            connection);
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

    public async Task<IReadOnlyList<IdIndexBlock>> ReadIdIndexAsync(string model, long minArrivalUnixMs, int maxHashes = int.MaxValue, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "SELECT sequence, arrival_ms, hashes FROM id_index WHERE model = @model AND arrival_ms >= @min ORDER BY sequence DESC",
            connection);
        command.Parameters.AddWithValue("model", model);
        command.Parameters.AddWithValue("min", minArrivalUnixMs);
        var blocks = new List<IdIndexBlock>();
        var taken = 0L;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (taken < maxHashes && await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var block = new IdIndexBlock(reader.GetInt64(0), reader.GetInt64(1), HashBlock.Unpack(reader.GetFieldValue<byte[]>(2)));
            blocks.Add(block);
            taken += block.Hashes.Length;
        }

        blocks.Reverse();
        return blocks;
    }

    public async Task<long?> FindBatchAsync(string model, ulong fingerprint, long minArrivalUnixMs, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            """
            SELECT sequence FROM batch_index WHERE model = @model AND fingerprint = @fingerprint AND arrival_ms >= @min
            ORDER BY sequence DESC LIMIT 1
            """,
            connection);
        command.Parameters.AddWithValue("model", model);
        command.Parameters.AddWithValue("fingerprint", unchecked((long)fingerprint));
        command.Parameters.AddWithValue("min", minArrivalUnixMs);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long sequence ? sequence : null;
    }

    public async Task<IReadOnlyList<BatchIndexRow>> ReadBatchIndexAsync(string model, long minArrivalUnixMs, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxCount);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            """
            SELECT fingerprint, sequence, arrival_ms FROM batch_index WHERE model = @model AND arrival_ms >= @min
            ORDER BY sequence DESC LIMIT @max
            """,
            connection);
        command.Parameters.AddWithValue("model", model);
        command.Parameters.AddWithValue("min", minArrivalUnixMs);
        command.Parameters.AddWithValue("max", maxCount);
        var rows = new List<BatchIndexRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new BatchIndexRow(unchecked((ulong)reader.GetInt64(0)), reader.GetInt64(1), reader.GetInt64(2)));
        }

        rows.Reverse();
        return rows;
    }

    public async Task<LogSize> SizeAsync(string model, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);

        // octet_length of a bytea reads the stored length: a TOASTed payload is not fetched.
        await using var command = new NpgsqlCommand(
            """
            SELECT COUNT(*), COALESCE(SUM(count), 0), COALESCE(SUM(octet_length(payload)), 0), COALESCE(MIN(sequence), 0), COALESCE(MAX(sequence), 0)
            FROM log WHERE model = @model
            """,
            connection);
        command.Parameters.AddWithValue("model", model);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new LogSize(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
    }

    public async Task<TrimResult> TrimAsync(string model, long maxSequence, long minArrivalUnixMs, long? maxBytes, CancellationToken cancellationToken = default)
    {
        TrimChecks.Validate(model, maxSequence, maxBytes);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ScalarAsync(connection, transaction, LockExclusive, cancellationToken, ("model", model)).ConfigureAwait(false);

        // Read committed: each statement below sees every append that committed before the lock was granted, and no other can start.
        var young = await ScalarAsync(
            connection,
            transaction,
            "SELECT sequence FROM log WHERE model = @model AND sequence <= @max AND arrival_ms >= @min ORDER BY sequence LIMIT 1",
            cancellationToken,
            ("model", model),
            ("max", maxSequence),
            ("min", minArrivalUnixMs)).ConfigureAwait(false);
        var cut = TrimChecks.AgeCut(young is long sequence ? sequence : null, maxSequence);
        if (maxBytes is { } limit)
        {
            cut = await SizeCutAsync(connection, transaction, model, cut, maxSequence, limit, cancellationToken).ConfigureAwait(false);
        }

        long entries, events, bytes, through;
        await using (var dropped = new NpgsqlCommand(
            """
            SELECT COUNT(*), COALESCE(SUM(count), 0), COALESCE(SUM(octet_length(payload)), 0), COALESCE(MAX(sequence), 0)
            FROM log WHERE model = @model AND sequence <= @cut
            """,
            connection,
            transaction))
        {
            dropped.Parameters.AddWithValue("model", model);
            dropped.Parameters.AddWithValue("cut", cut);
            await using var reader = await dropped.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            (entries, events, bytes, through) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        }

        if (entries > 0)
        {
            await using var batch = new NpgsqlBatch(connection, transaction);
            foreach (var sql in new[]
            {
                "DELETE FROM id_index WHERE model = @model AND sequence <= @cut",
                "DELETE FROM batch_index WHERE model = @model AND sequence <= @cut",
                "DELETE FROM log WHERE model = @model AND sequence <= @cut",
                """
                INSERT INTO log_trim (model, trimmed_through) VALUES (@model, @cut)
                ON CONFLICT (model) DO UPDATE SET trimmed_through = GREATEST(log_trim.trimmed_through, excluded.trimmed_through)
                """,
            })
            {
                var command = new NpgsqlBatchCommand(sql);
                command.Parameters.AddWithValue("model", model);
                command.Parameters.AddWithValue("cut", through);
                batch.BatchCommands.Add(command);
            }

            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var first = await ScalarAsync(connection, transaction, "SELECT COALESCE(MIN(sequence), 0) FROM log WHERE model = @model", cancellationToken, ("model", model))
            .ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new TrimResult(entries, events, bytes, (long)first!);
    }

    /// <summary>Moves the cut on, oldest first but never past <paramref name="maxSequence"/>, until at most <paramref name="maxBytes"/> stay.</summary>
    private static async Task<long> SizeCutAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string model, long cut, long maxSequence, long maxBytes, CancellationToken cancellationToken)
    {
        var retained = await ScalarAsync(
            connection,
            transaction,
            "SELECT COALESCE(SUM(octet_length(payload)), 0) FROM log WHERE model = @model AND sequence > @cut",
            cancellationToken,
            ("model", model),
            ("cut", cut)).ConfigureAwait(false);
        var excess = (long)retained! - maxBytes;
        if (excess <= 0)
        {
            return cut;
        }

        await using var command = new NpgsqlCommand(
            "SELECT sequence, octet_length(payload) FROM log WHERE model = @model AND sequence > @cut AND sequence <= @max ORDER BY sequence",
            connection,
            transaction);
        command.Parameters.AddWithValue("model", model);
        command.Parameters.AddWithValue("cut", cut);
        command.Parameters.AddWithValue("max", maxSequence);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (excess > 0 && await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            cut = reader.GetInt64(0);
            excess -= reader.GetInt32(1);
        }

        return cut;
    }

    private static async Task<object?> ScalarAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }
}
