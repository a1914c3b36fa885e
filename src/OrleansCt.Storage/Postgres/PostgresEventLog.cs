using Npgsql;
using OrleansCt.Storage.Log;
using OrleansCt.Storage.Sql;

namespace OrleansCt.Storage.Postgres;

/// <summary>
/// The event log and id index in PostgreSQL. Trimmed sequences stay fenced through <c>log_trim</c>, which keeps the
/// highest sequence ever dropped per model: an append at or below it is refused, and <see cref="SqlEventLog.LastSequenceAsync"/>
/// never reports less than it. Appends hold a shared and trims an exclusive per-model advisory lock, so an append never checks
/// the fence while a trim that will move it is still open (it would then re-insert a sequence the trim is deleting).
/// </summary>
public sealed class PostgresEventLog(PostgresDatabase database) : SqlEventLog(LogSql.Postgres)
{
    // Per-model advisory locks keyed (1329812562 = "OCTR", the model's hash); the two-key space is separate from the schema lock's.
    private const string LockShared = "SELECT pg_advisory_xact_lock_shared(1329812562, hashtext(@model))";

    private const string LockExclusive = "SELECT pg_advisory_xact_lock(1329812562, hashtext(@model))";

    public override async Task AppendAsync(LogRecord record, CancellationToken cancellationToken = default)
    {
        LogRecordChecks.Validate(record);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection, transaction);
        var locked = new NpgsqlBatchCommand(LockShared);
        locked.Parameters.AddWithValue("model", record.Model);
        batch.BatchCommands.Add(locked);
        var entry = new NpgsqlBatchCommand(LogSql.InsertEntry);
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
            var block = new NpgsqlBatchCommand(LogSql.InsertBlock);
            block.Parameters.AddWithValue("model", record.Model);
            block.Parameters.AddWithValue("sequence", record.Sequence);
            block.Parameters.AddWithValue("arrival", record.ArrivalUnixMs);
            block.Parameters.AddWithValue("hashes", HashBlock.Pack(record.IdHashes));
            batch.BatchCommands.Add(block);
        }

        if (record.Fingerprint != 0)
        {
            var fingerprint = new NpgsqlBatchCommand(LogSql.InsertFingerprint);
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

    public override async Task<TrimResult> TrimAsync(string model, long maxSequence, long minArrivalUnixMs, long? maxBytes, CancellationToken cancellationToken = default)
    {
        LogTrim.Validate(model, maxSequence, maxBytes);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        TrimResult result;
        await using (var session = new PostgresSession(connection, transaction))
        {
            await session.Command(LockExclusive).With("@model", model).ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);

            // Read committed: each statement of the trim sees every append that committed before the lock was granted, and no other can start.
            result = await LogTrim.RunAsync(session, Sql, model, maxSequence, minArrivalUnixMs, maxBytes, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    private protected override Task<T> RunReadAsync<T>(Func<ISqlSession, CancellationToken, Task<T>> read, CancellationToken cancellationToken) =>
        database.RunAsync(read, cancellationToken);
}
