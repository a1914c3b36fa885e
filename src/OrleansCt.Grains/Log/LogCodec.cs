using Orleans.Serialization;
using OrleansCt.Storage.Log;

namespace OrleansCt.Grains.Log;

/// <summary>Turns log entries into log rows and back.</summary>
public sealed class LogCodec(Serializer serializer)
{
    public LogRecord Encode(string model, long sequence, LogEntry entry, ulong[] idHashes, ulong fingerprint = 0)
    {
        var (kind, first, last, count) = entry switch
        {
            EventsEntry e => (LogEntryKind.Events, e.Batch.Times.Min(), e.Batch.Times.Max(), e.Batch.Count),
            LabelsEntry l => (LogEntryKind.Labels, 0.0, 0.0, l.Ids.Length),
            _ => (LogEntryKind.Control, 0.0, 0.0, 0),
        };
        return new LogRecord(model, sequence, kind, first, last, count, entry.ArrivalUnixMs, serializer.SerializeToArray(entry), idHashes, fingerprint);
    }

    public LogEntry Decode(LogRecord record) =>
        serializer.Deserialize<LogEntry>(record.Payload) ?? throw new InvalidDataException($"Log entry {record.Model}/{record.Sequence} is empty.");
}
