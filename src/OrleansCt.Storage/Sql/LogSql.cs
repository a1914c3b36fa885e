namespace OrleansCt.Storage.Sql;

/// <summary>Every statement of the event log, written once; <see cref="SqlDialect"/> fills in where the backends differ.</summary>
internal sealed class LogSql
{
    public static readonly LogSql Sqlite = new(SqlDialect.Sqlite);

    public static readonly LogSql Postgres = new(SqlDialect.Postgres);

    // The primary key catches a sequence that is stored; the NOT EXISTS catches one a trim dropped (no row left to collide with).
    public const string InsertEntry = """
        INSERT INTO log (model, sequence, kind, first_time, last_time, count, arrival_ms, payload)
        SELECT @model, @sequence, @kind, @first, @last, @count, @arrival, @payload
        WHERE NOT EXISTS (SELECT 1 FROM log_trim WHERE model = @model AND trimmed_through >= @sequence)
        """;

    public const string InsertBlock = "INSERT INTO id_index (model, sequence, arrival_ms, hashes) VALUES (@model, @sequence, @arrival, @hashes)";

    public const string InsertFingerprint = "INSERT INTO batch_index (model, fingerprint, sequence, arrival_ms) VALUES (@model, @fingerprint, @sequence, @arrival)";

    public const string SelectEntry = SelectEntries + " WHERE l.model = @model AND l.sequence = @sequence";

    public const string SelectAfter = SelectEntries + " WHERE l.model = @model AND l.sequence > @after ORDER BY l.sequence LIMIT @max";

    public const string SelectBatch = """
        SELECT sequence FROM batch_index WHERE model = @model AND fingerprint = @fingerprint AND arrival_ms >= @min
        ORDER BY sequence DESC LIMIT 1
        """;

    public const string SelectBlockPage = """
        SELECT sequence, arrival_ms, hashes FROM id_index
        WHERE model = @model AND arrival_ms >= @min AND sequence < @before
        ORDER BY sequence DESC LIMIT @page
        """;

    public const string SelectBlocks = "SELECT sequence, arrival_ms, hashes FROM id_index WHERE model = @model AND arrival_ms >= @min ORDER BY sequence DESC";

    public const string SelectBatchIndex = """
        SELECT fingerprint, sequence, arrival_ms FROM batch_index WHERE model = @model AND arrival_ms >= @min
        ORDER BY sequence DESC LIMIT @max
        """;

    public const string SelectFirstYoung = "SELECT sequence FROM log WHERE model = @model AND sequence <= @max AND arrival_ms >= @min ORDER BY sequence LIMIT 1";

    public const string SelectFirstRetained = "SELECT COALESCE(MIN(sequence), 0) FROM log WHERE model = @model";

    private const string SelectEntries = """
        SELECT l.sequence, l.kind, l.first_time, l.last_time, l.count, l.arrival_ms, l.payload, i.hashes
        FROM log l LEFT JOIN id_index i ON i.model = l.model AND i.sequence = l.sequence
        """;

    private LogSql(SqlDialect d)
    {
        LastSequence = $"""
            SELECT {d.Greatest}(
                (SELECT COALESCE(MAX(sequence), 0) FROM log WHERE model = @model),
                (SELECT COALESCE(MAX(trimmed_through), 0) FROM log_trim WHERE model = @model))
            """;
        Size = $"""
            SELECT COUNT(*), COALESCE(SUM(count), 0), COALESCE(SUM({d.ByteLength}(payload)), 0), COALESCE(MIN(sequence), 0), COALESCE(MAX(sequence), 0)
            FROM log WHERE model = @model
            """;
        RetainedBytes = $"SELECT COALESCE(SUM({d.ByteLength}(payload)), 0) FROM log WHERE model = @model AND sequence > @cut";
        Oldest = $"SELECT sequence, {d.ByteLength}(payload) FROM log WHERE model = @model AND sequence > @cut AND sequence <= @max ORDER BY sequence";
        Dropped = $"""
            SELECT COUNT(*), COALESCE(SUM(count), 0), COALESCE(SUM({d.ByteLength}(payload)), 0), COALESCE(MAX(sequence), 0)
            FROM log WHERE model = @model AND sequence <= @cut
            """;

        // Deleted up to the fence, not up to the cut: no row goes whose sequence the fence does not then refuse, so a trim
        // never removes what it did not count, and LastSequence cannot go back below anything it removed.
        Drop = $"""
            DELETE FROM id_index WHERE model = @model AND sequence <= @through;
            DELETE FROM batch_index WHERE model = @model AND sequence <= @through;
            DELETE FROM log WHERE model = @model AND sequence <= @through;
            INSERT INTO log_trim (model, trimmed_through) VALUES (@model, @through)
            ON CONFLICT (model) DO UPDATE SET trimmed_through = {d.Greatest}(log_trim.trimmed_through, excluded.trimmed_through);
            """;
    }

    /// <summary>The highest sequence ever held: the retained maximum or the trim fence, whichever is higher.</summary>
    public string LastSequence { get; }

    public string Size { get; }

    /// <summary>Payload bytes retained above a cut.</summary>
    public string RetainedBytes { get; }

    /// <summary>Sequence and payload bytes of each entry above a cut and at most the maximum, oldest first.</summary>
    public string Oldest { get; }

    /// <summary>Entries, events, payload bytes and highest sequence at or below a cut: what the trim drops.</summary>
    public string Dropped { get; }

    /// <summary>Deletes the entries, id blocks and batch fingerprints at or below a sequence and fences it, in one command.</summary>
    public string Drop { get; }
}
