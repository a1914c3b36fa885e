using System.Data.Common;
using System.Globalization;

namespace OrleansCt.Storage.Log;

/// <summary>Reads a log row (sequence, kind, first_time, last_time, count, arrival_ms, payload, hashes) the same way for every backend.</summary>
internal static class LogRecordReader
{
    public static LogRecord Read(DbDataReader reader, string model) => new(
        model,
        reader.GetInt64(0),
        // SQLite stores the kind as an integer, PostgreSQL as a smallint.
        (LogEntryKind)Convert.ToByte(reader.GetValue(1), CultureInfo.InvariantCulture),
        reader.GetDouble(2),
        reader.GetDouble(3),
        reader.GetInt32(4),
        reader.GetInt64(5),
        reader.GetFieldValue<byte[]>(6),
        reader.IsDBNull(7) ? [] : HashBlock.Unpack(reader.GetFieldValue<byte[]>(7)));
}
