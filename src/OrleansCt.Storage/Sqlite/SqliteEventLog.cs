using Microsoft.Data.Sqlite;
using OrleansCt.Storage.Log;

namespace OrleansCt.Storage.Sqlite;

/// <summary>
/// The event log and id index in the embedded SQLite file. Trimmed sequences stay fenced through <c>log_trim</c>, which
/// keeps the highest sequence ever dropped per model: an append at or below it is refused, and
/// <see cref="LastSequenceAsync"/> never reports less than it. Every write, trims included, runs on the single writer.
/// </summary>
public sealed class SqliteEventLog(SqliteDatabase database) : IEventLog
{
    // Blocks are read in pages so a lookup that finds its ids in recent entries stops without reading the whole horizon.
    private const int BlockPage = 256;

    // The primary key catches a sequence that is stored; the NOT EXISTS catches one a trim dropped (no row left to collide with).
    private const string InsertEntry = """
        INSERT INTO log (model, sequence, kind, first_time, last_time, count, arrival_ms, payload)
        SELECT $model, $sequence, $kind, $first, $last, $count, $arrival, $payload
        WHERE NOT EXISTS (SELECT 1 FROM log_trim WHERE model = $model AND trimmed_through >= $sequence)
        """;

    private const string InsertBlock = "INSERT INTO id_index (model, sequence, arrival_ms, hashes) VALUES ($model, $sequence, $arrival, $hashes)";

    private const string InsertFingerprint = "INSERT INTO batch_index (model, fingerprint, sequence, arrival_ms) VALUES ($model, $fingerprint, $sequence, $arrival)";

    private const string SelectEntries = """
        SELECT l.sequence, l.kind, l.first_time, l.last_time, l.count, l.arrival_ms, l.payload, i.hashes
        FROM log l LEFT JOIN id_index i ON i.model = l.model AND i.sequence = l.sequence
        """;

    private const string SelectEntry = SelectEntries + " WHERE l.model = $model AND l.sequence = $sequence";

    private const string SelectBatch = """
        SELECT sequence FROM batch_index WHERE model = $model AND fingerprint = $fingerprint AND arrival_ms >= $min
        ORDER BY sequence DESC LIMIT 1
        """;

    public Task AppendAsync(LogRecord record, CancellationToken cancellationToken = default)
    {
        LogRecordChecks.Validate(record);

        // Packed here, on the caller's thread, so the single writer only executes statements.
        var block = record.IdHashes.Length == 0 ? null : HashBlock.Pack(record.IdHashes);
        return database.WriteAsync(scope => Insert(scope, record, block), cancellationToken);
    }

    public Task<IReadOnlyList<LogRecord>> ReadAfterAsync(string model, long afterSequence, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxCount);
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = SelectEntries + " WHERE l.model = $model AND l.sequence > $after ORDER BY l.sequence LIMIT $max";
        command.Parameters.AddWithValue("$model", model);
        command.Parameters.AddWithValue("$after", afterSequence);
        command.Parameters.AddWithValue("$max", maxCount);
        var records = new List<LogRecord>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            records.Add(LogRecordReader.Read(reader, model));
        }

        return Task.FromResult<IReadOnlyList<LogRecord>>(records);
    }

    public Task<LogRecord?> ReadAsync(string model, long sequence, CancellationToken cancellationToken = default) =>
        Task.FromResult(database.Read(scope =>
        {
            var command = scope.Command(SelectEntry);
            command.Parameters.AddWithValue("$model", model);
            command.Parameters.AddWithValue("$sequence", sequence);
            using var reader = command.ExecuteReader();
            return reader.Read() ? LogRecordReader.Read(reader, model) : null;
        }));

    public Task<long> LastSequenceAsync(string model, CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT max(
                (SELECT COALESCE(MAX(sequence), 0) FROM log WHERE model = $model),
                (SELECT COALESCE(MAX(trimmed_through), 0) FROM log_trim WHERE model = $model))
            """;
        command.Parameters.AddWithValue("$model", model);
        return Task.FromResult(Convert.ToInt64(command.ExecuteScalar()));
    }

    public Task<IReadOnlyList<IdLocation>> FindIdsAsync(string model, IReadOnlyCollection<ulong> hashes, long minArrivalUnixMs, CancellationToken cancellationToken = default)
    {
        var search = new IdSearch(hashes);
        if (search.Done)
        {
            return Task.FromResult(search.Found);
        }

        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT sequence, arrival_ms, hashes FROM id_index
            WHERE model = $model AND arrival_ms >= $min AND sequence < $before
            ORDER BY sequence DESC LIMIT $page
            """;
        command.Parameters.AddWithValue("$model", model);
        command.Parameters.AddWithValue("$min", minArrivalUnixMs);
        var before = command.Parameters.AddWithValue("$before", long.MaxValue);
        command.Parameters.AddWithValue("$page", BlockPage);
        var rows = BlockPage;
        while (rows == BlockPage && !search.Done)
        {
            cancellationToken.ThrowIfCancellationRequested();
            rows = 0;
            using var reader = command.ExecuteReader();
            while (!search.Done && reader.Read())
            {
                rows++;
                var sequence = reader.GetInt64(0);
                before.Value = sequence;
                search.Offer(sequence, reader.GetInt64(1), reader.GetFieldValue<byte[]>(2));
            }
        }

        return Task.FromResult(search.Found);
    }

    public Task<IReadOnlyList<IdIndexBlock>> ReadIdIndexAsync(string model, long minArrivalUnixMs, int maxHashes = int.MaxValue, CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sequence, arrival_ms, hashes FROM id_index WHERE model = $model AND arrival_ms >= $min ORDER BY sequence DESC";
        command.Parameters.AddWithValue("$model", model);
        command.Parameters.AddWithValue("$min", minArrivalUnixMs);
        var blocks = new List<IdIndexBlock>();
        var taken = 0L;
        using var reader = command.ExecuteReader();
        while (taken < maxHashes && reader.Read())
        {
            var block = new IdIndexBlock(reader.GetInt64(0), reader.GetInt64(1), HashBlock.Unpack(reader.GetFieldValue<byte[]>(2)));
            blocks.Add(block);
            taken += block.Hashes.Length;
        }

        blocks.Reverse();
        return Task.FromResult<IReadOnlyList<IdIndexBlock>>(blocks);
    }

    public Task<long?> FindBatchAsync(string model, ulong fingerprint, long minArrivalUnixMs, CancellationToken cancellationToken = default) =>
        Task.FromResult(database.Read(scope =>
        {
            // One indexed look-up on a kept connection and statement: a busy model asks it for every batch that memory does not cover.
            var command = scope.Command(SelectBatch);
            command.Parameters.AddWithValue("$model", model);
            command.Parameters.AddWithValue("$fingerprint", unchecked((long)fingerprint));
            command.Parameters.AddWithValue("$min", minArrivalUnixMs);
            return command.ExecuteScalar() is long sequence ? sequence : (long?)null;
        }));

    public Task<IReadOnlyList<BatchIndexRow>> ReadBatchIndexAsync(string model, long minArrivalUnixMs, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxCount);
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT fingerprint, sequence, arrival_ms FROM batch_index WHERE model = $model AND arrival_ms >= $min
            ORDER BY sequence DESC LIMIT $max
            """;
        command.Parameters.AddWithValue("$model", model);
        command.Parameters.AddWithValue("$min", minArrivalUnixMs);
        command.Parameters.AddWithValue("$max", maxCount);
        var rows = new List<BatchIndexRow>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(new BatchIndexRow(unchecked((ulong)reader.GetInt64(0)), reader.GetInt64(1), reader.GetInt64(2)));
        }

        rows.Reverse();
        return Task.FromResult<IReadOnlyList<BatchIndexRow>>(rows);
    }

    public Task<LogSize> SizeAsync(string model, CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();

        // length() of a BLOB is read from the record header: the payloads themselves are not loaded.
        command.CommandText = """
            SELECT COUNT(*), COALESCE(SUM(count), 0), COALESCE(SUM(length(payload)), 0), COALESCE(MIN(sequence), 0), COALESCE(MAX(sequence), 0)
            FROM log WHERE model = $model
            """;
        command.Parameters.AddWithValue("$model", model);
        using var reader = command.ExecuteReader();
        reader.Read();
        return Task.FromResult(new LogSize(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4)));
    }

    public Task<TrimResult> TrimAsync(string model, long maxSequence, long minArrivalUnixMs, long? maxBytes, CancellationToken cancellationToken = default)
    {
        TrimChecks.Validate(model, maxSequence, maxBytes);
        return database.WriteAsync(scope => Trim(scope, model, maxSequence, minArrivalUnixMs, maxBytes), cancellationToken);
    }

    private static TrimResult Trim(SqliteWriteScope scope, string model, long maxSequence, long minArrivalUnixMs, long? maxBytes)
    {
        var young = scope.Command("SELECT sequence FROM log WHERE model = $model AND sequence <= $max AND arrival_ms >= $min ORDER BY sequence LIMIT 1");
        young.Parameters.AddWithValue("$model", model);
        young.Parameters.AddWithValue("$max", maxSequence);
        young.Parameters.AddWithValue("$min", minArrivalUnixMs);
        var cut = TrimChecks.AgeCut(young.ExecuteScalar() is long sequence ? sequence : null, maxSequence);
        if (maxBytes is { } limit)
        {
            cut = SizeCut(scope, model, cut, maxSequence, limit);
        }

        var dropped = scope.Command("""
            SELECT COUNT(*), COALESCE(SUM(count), 0), COALESCE(SUM(length(payload)), 0), COALESCE(MAX(sequence), 0)
            FROM log WHERE model = $model AND sequence <= $cut
            """);
        dropped.Parameters.AddWithValue("$model", model);
        dropped.Parameters.AddWithValue("$cut", cut);
        long entries, events, bytes, through;
        using (var reader = dropped.ExecuteReader())
        {
            reader.Read();
            (entries, events, bytes, through) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        }

        if (entries > 0)
        {
            foreach (var sql in new[]
            {
                "DELETE FROM id_index WHERE model = $model AND sequence <= $cut",
                "DELETE FROM batch_index WHERE model = $model AND sequence <= $cut",
                "DELETE FROM log WHERE model = $model AND sequence <= $cut",
            })
            {
                var delete = scope.Command(sql);
                delete.Parameters.AddWithValue("$model", model);
                delete.Parameters.AddWithValue("$cut", cut);
                delete.ExecuteNonQuery();
            }

            var fence = scope.Command("""
                INSERT INTO log_trim (model, trimmed_through) VALUES ($model, $through)
                ON CONFLICT (model) DO UPDATE SET trimmed_through = max(trimmed_through, excluded.trimmed_through)
                """);
            fence.Parameters.AddWithValue("$model", model);
            fence.Parameters.AddWithValue("$through", through);
            fence.ExecuteNonQuery();
        }

        var first = scope.Command("SELECT COALESCE(MIN(sequence), 0) FROM log WHERE model = $model");
        first.Parameters.AddWithValue("$model", model);
        return new TrimResult(entries, events, bytes, Convert.ToInt64(first.ExecuteScalar()));
    }

    /// <summary>Moves the cut on, oldest first but never past <paramref name="maxSequence"/>, until at most <paramref name="maxBytes"/> stay.</summary>
    private static long SizeCut(SqliteWriteScope scope, string model, long cut, long maxSequence, long maxBytes)
    {
        var retained = scope.Command("SELECT COALESCE(SUM(length(payload)), 0) FROM log WHERE model = $model AND sequence > $cut");
        retained.Parameters.AddWithValue("$model", model);
        retained.Parameters.AddWithValue("$cut", cut);
        var excess = Convert.ToInt64(retained.ExecuteScalar()) - maxBytes;
        if (excess <= 0)
        {
            return cut;
        }

        var oldest = scope.Command("SELECT sequence, length(payload) FROM log WHERE model = $model AND sequence > $cut AND sequence <= $max ORDER BY sequence");
        oldest.Parameters.AddWithValue("$model", model);
        oldest.Parameters.AddWithValue("$cut", cut);
        oldest.Parameters.AddWithValue("$max", maxSequence);
        using var reader = oldest.ExecuteReader();
        while (excess > 0 && reader.Read())
        {
            cut = reader.GetInt64(0);
            excess -= reader.GetInt64(1);
        }

        return cut;
    }

    private static object? Insert(SqliteWriteScope scope, LogRecord record, byte[]? block)
    {
        var entry = scope.Command(InsertEntry);
        entry.Parameters.AddWithValue("$model", record.Model);
        entry.Parameters.AddWithValue("$sequence", record.Sequence);
        entry.Parameters.AddWithValue("$kind", (int)record.Kind);
        entry.Parameters.AddWithValue("$first", record.FirstEventTime);
        entry.Parameters.AddWithValue("$last", record.LastEventTime);
        entry.Parameters.AddWithValue("$count", record.Count);
        entry.Parameters.AddWithValue("$arrival", record.ArrivalUnixMs);
        entry.Parameters.AddWithValue("$payload", record.Payload);
        try
        {
            if (entry.ExecuteNonQuery() == 0)
            {
                throw new LogConflictException(record.Model, record.Sequence);
            }
        }
        catch (SqliteException exception) when (SqliteDatabase.IsUniqueViolation(exception))
        {
            throw new LogConflictException(record.Model, record.Sequence);
        }

        if (block is not null)
        {
            var index = scope.Command(InsertBlock);
            index.Parameters.AddWithValue("$model", record.Model);
            index.Parameters.AddWithValue("$sequence", record.Sequence);
            index.Parameters.AddWithValue("$arrival", record.ArrivalUnixMs);
            index.Parameters.AddWithValue("$hashes", block);
            index.ExecuteNonQuery();
        }

        if (record.Fingerprint != 0)
        {
            var fingerprint = scope.Command(InsertFingerprint);
            fingerprint.Parameters.AddWithValue("$model", record.Model);
            fingerprint.Parameters.AddWithValue("$fingerprint", unchecked((long)record.Fingerprint));
            fingerprint.Parameters.AddWithValue("$sequence", record.Sequence);
            fingerprint.Parameters.AddWithValue("$arrival", record.ArrivalUnixMs);
            fingerprint.ExecuteNonQuery();
        }

        return null;
    }
}
