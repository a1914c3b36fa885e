using OrleansCt.Storage.Sql;

namespace OrleansCt.Storage.Log;

/// <summary>
/// The one trim of both backends (<see cref="IEventLog.TrimAsync"/>): the age cut, the size cut, and the fence. The caller
/// runs it where no append can interleave (SQLite's single writer; PostgreSQL's exclusive per-model lock).
/// </summary>
internal static class LogTrim
{
    public static void Validate(string model, long maxSequence, long? maxBytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        ArgumentOutOfRangeException.ThrowIfNegative(maxSequence);
        if (maxBytes is { } limit)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(limit, nameof(maxBytes));
        }
    }

    public static async Task<TrimResult> RunAsync(
        ISqlSession session, LogSql sql, string model, long maxSequence, long minArrivalUnixMs, long? maxBytes, CancellationToken cancellationToken)
    {
        // Age: everything before the first entry (at or below maxSequence) that arrived at or after the minimum.
        var young = await session.Command(LogSql.SelectFirstYoung)
            .With("@model", model)
            .With("@max", maxSequence)
            .With("@min", minArrivalUnixMs)
            .ExecuteScalarAsync(cancellationToken)
            .ConfigureAwait(false);
        var cut = young is long sequence ? sequence - 1 : maxSequence;
        if (maxBytes is { } limit)
        {
            cut = await SizeCutAsync(session, sql, model, cut, maxSequence, limit, cancellationToken).ConfigureAwait(false);
        }

        long entries, events, bytes, through;
        await using (var reader = await session.Command(sql.Dropped).With("@model", model).With("@cut", cut).ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            (entries, events, bytes, through) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        }

        if (entries > 0)
        {
            await session.Command(sql.Drop).With("@model", model).With("@through", through).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var first = await session.Command(LogSql.SelectFirstRetained).With("@model", model).Int64Async(cancellationToken).ConfigureAwait(false);
        return new TrimResult(entries, events, bytes, first);
    }

    /// <summary>Moves the cut on, oldest first but never past <paramref name="maxSequence"/>, until at most <paramref name="maxBytes"/> stay.</summary>
    private static async Task<long> SizeCutAsync(
        ISqlSession session, LogSql sql, string model, long cut, long maxSequence, long maxBytes, CancellationToken cancellationToken)
    {
        var retained = await session.Command(sql.RetainedBytes).With("@model", model).With("@cut", cut).Int64Async(cancellationToken).ConfigureAwait(false);
        var excess = retained - maxBytes;
        if (excess <= 0)
        {
            return cut;
        }

        var oldest = session.Command(sql.Oldest).With("@model", model).With("@cut", cut).With("@max", maxSequence);
        await using var reader = await oldest.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (excess > 0 && await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            cut = reader.GetInt64(0);

            // SQLite's length() is an INTEGER (long), PostgreSQL's octet_length() an integer (int).
            excess -= Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
        }

        return cut;
    }
}
