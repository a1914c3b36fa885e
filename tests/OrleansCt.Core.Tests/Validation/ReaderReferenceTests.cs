using System.Text;
using OrleansCt.Core.Events;
using OrleansCt.Core.Schema;
using OrleansCt.Core.Validation;

namespace OrleansCt.Core.Tests.Validation;

/// <summary>
/// Each of the two event readers, the streaming pass and the document reader, against columns worked out by hand from one
/// body, so that neither is checked only against the other (StreamingReaderEquivalenceTests compares the two).
/// </summary>
public sealed class ReaderReferenceTests
{
    private static readonly ModelSchema Schema = ReaderSchemas.Basic;

    // Three events: a time in seconds, one in ISO 8601 (1970-01-02T00:00:01Z = 86,400 + 1 s), one without (the arrival, 99);
    // features out of schema order, an optional one absent, null and present; a category as a string and as a whole number;
    // labels UP (class 1), DOWN (class 0) and none (NaN).
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""
        {"events": [
          {"id": "a", "time": 10, "features": {"day": "2", "price": 1.5}, "label": "UP"},
          {"id": "b", "time": "1970-01-02T00:00:01Z", "features": {"load": 0.25, "price": -2, "day": 3}, "label": "DOWN"},
          {"id": "c", "features": {"price": 1e3, "day": "7", "load": null}}
        ]}
        """);

    [Fact]
    public void The_streaming_pass_reads_the_columns_worked_out_by_hand()
    {
        var read = EventBatchReader.TryReadStreaming(Body, Schema, BatchKind.Events, 99);

        Assert.NotNull(read);
        AssertHandWorked(read.Value!);
    }

    [Fact]
    public void The_document_reader_reads_the_columns_worked_out_by_hand()
    {
        var read = EventBatchReader.ReadWithDocument(Body, Schema, BatchKind.Events, 99);

        Assert.True(read.Ok);
        AssertHandWorked(read.Value!);
    }

    private static void AssertHandWorked(EventBatch batch)
    {
        Assert.Equal(["a", "b", "c"], batch.Ids);
        Assert.Equal([10.0, 86_401.0, 99.0], batch.Times);
        Assert.Equal([1.5, -2.0, 1000.0], batch.Numeric[0]);
        Assert.True(double.IsNaN(batch.Numeric[1][0]));
        Assert.Equal(0.25, batch.Numeric[1][1]);
        Assert.True(double.IsNaN(batch.Numeric[1][2]));
        Assert.Equal(new string?[] { "2", "3", "7" }, batch.Categorical[0]);
        Assert.Equal(1.0, batch.Labels![0]);
        Assert.Equal(0.0, batch.Labels[1]);
        Assert.True(double.IsNaN(batch.Labels[2]));
    }
}
