using Microsoft.Data.Sqlite;
using OrleansCt.Storage.Log;
using OrleansCt.Storage.Sql;

namespace OrleansCt.Storage.Sqlite;

/// <summary>
/// The event log and id index in the embedded SQLite file. Trimmed sequences stay fenced through <c>log_trim</c>, which
/// keeps the highest sequence ever dropped per model: an append at or below it is refused, and
/// <see cref="SqlEventLog.LastSequenceAsync"/> never reports less than it. Every write, trims included, runs on the single writer.
/// </summary>
public sealed class SqliteEventLog(SqliteDatabase database) : SqlEventLog(LogSql.Sqlite)
{
    public override Task AppendAsync(LogRecord record, CancellationToken cancellationToken = default)
    {
        LogRecordChecks.Validate(record);

        // Packed here, on the caller's thread, so the single writer only executes statements.
        var block = record.IdHashes.Length == 0 ? null : HashBlock.Pack(record.IdHashes);
        return database.WriteAsync(scope => Insert(scope, record, block), cancellationToken);
    }

    public override Task<TrimResult> TrimAsync(string model, long maxSequence, long minArrivalUnixMs, long? maxBytes, CancellationToken cancellationToken = default)
    {
        LogTrim.Validate(model, maxSequence, maxBytes);
        return database.WriteAsync(
            scope => SqliteDatabase.Finish(LogTrim.RunAsync(scope, Sql, model, maxSequence, minArrivalUnixMs, maxBytes, CancellationToken.None)),
            cancellationToken);
    }

    private protected override Task<T> RunReadAsync<T>(Func<ISqlSession, CancellationToken, Task<T>> read, CancellationToken cancellationToken) =>
        database.ReadAsync(read, cancellationToken);

    private static object? Insert(SqliteWriteScope scope, LogRecord record, byte[]? block)
    {
        var entry = scope.Command(LogSql.InsertEntry);
        entry.Parameters.AddWithValue("@model", record.Model);
        entry.Parameters.AddWithValue("@sequence", record.Sequence);
        entry.Parameters.AddWithValue("@kind", (int)record.Kind);
        entry.Parameters.AddWithValue("@first", record.FirstEventTime);
        entry.Parameters.AddWithValue("@last", record.LastEventTime);
        entry.Parameters.AddWithValue("@count", record.Count);
        entry.Parameters.AddWithValue("@arrival", record.ArrivalUnixMs);
        entry.Parameters.AddWithValue("@payload", record.Payload);
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
            var index = scope.Command(LogSql.InsertBlock);
            index.Parameters.AddWithValue("@model", record.Model);
            index.Parameters.AddWithValue("@sequence", record.Sequence);
            index.Parameters.AddWithValue("@arrival", record.ArrivalUnixMs);
            index.Parameters.AddWithValue("@hashes", block);
            index.ExecuteNonQuery();
        }

        if (record.Fingerprint != 0)
        {
            var fingerprint = scope.Command(LogSql.InsertFingerprint);
            fingerprint.Parameters.AddWithValue("@model", record.Model);
            fingerprint.Parameters.AddWithValue("@fingerprint", unchecked((long)record.Fingerprint));
            fingerprint.Parameters.AddWithValue("@sequence", record.Sequence);
            fingerprint.Parameters.AddWithValue("@arrival", record.ArrivalUnixMs);
            fingerprint.ExecuteNonQuery();
        }

        return null;
    }
}
