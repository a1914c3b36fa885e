namespace OrleansCt.Storage.Log;

/// <summary>What every backend refuses before it writes a log entry.</summary>
internal static class LogRecordChecks
{
    public static void Validate(LogRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrEmpty(record.Model, nameof(LogRecord.Model));
        ArgumentNullException.ThrowIfNull(record.Payload, nameof(LogRecord.Payload));
        ArgumentNullException.ThrowIfNull(record.IdHashes, nameof(LogRecord.IdHashes));

        // SQLite stores a NaN REAL as NULL, so NaN would be lost (or refused) by one backend and kept by the other.
        if (double.IsNaN(record.FirstEventTime) || double.IsNaN(record.LastEventTime))
        {
            throw new ArgumentException(
                $"Log entry {record.Sequence} of model '{record.Model}' has a NaN event time; entries without events use 0 for FirstEventTime and LastEventTime.",
                nameof(record));
        }

        // Sequence 0 means "empty log" to LastSequenceAsync, so the first entry is 1.
        if (record.Sequence < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(LogRecord.Sequence), record.Sequence, $"Log entries of model '{record.Model}' start at sequence 1.");
        }
    }
}
