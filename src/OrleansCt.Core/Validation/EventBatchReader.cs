using OrleansCt.Core.Events;
using OrleansCt.Core.Schema;

namespace OrleansCt.Core.Validation;

/// <summary>
/// Reads {"events": [{"id", "time", "features", "label"}]} into a columnar batch, checking every event against
/// the schema. Any error rejects the whole batch; each error names the event index and field.
/// </summary>
/// <remarks>
/// Two readers give one behaviour. The streaming reader (EventBatchReader.Streaming.cs) reads a plain valid batch in one
/// pass of a Utf8JsonReader straight into columns; at the first thing it does not take as plain (any error, and rarities
/// such as a name sent twice or an escaped name) it gives up, and the document reader (EventBatchReader.Document.cs)
/// reads the body again and answers. So every error, and every unusual input, is answered by the document reader.
/// </remarks>
public static partial class EventBatchReader
{
    public static ReadResult<EventBatch> Read(ReadOnlyMemory<byte> json, ModelSchema schema, BatchKind kind, double arrivalSeconds)
    {
        var result = TryReadStreaming(json.Span, schema, kind, arrivalSeconds) ?? ReadWithDocument(json, schema, kind, arrivalSeconds);
        return result.Value is { } batch && AnswerTooLarge(batch.Ids.Length, schema) is { } error ? new ReadResult<EventBatch>(null, [error]) : result;
    }

    /// <summary>An error when the answer (a probability per class per event) would pass <see cref="BatchLimits.MaxAnswerProbabilities"/>.</summary>
    internal static FieldError? AnswerTooLarge(int events, ModelSchema schema)
    {
        var classes = schema.Definition.Classes.Count;
        if ((long)events * classes <= BatchLimits.MaxAnswerProbabilities)
        {
            return null;
        }

        return new FieldError("events", $"holds {events} events; with {classes} classes an answer holds at most {BatchLimits.MaxAnswerProbabilities} probabilities, so send at most {BatchLimits.MaxAnswerProbabilities / classes} events per batch");
    }
}
