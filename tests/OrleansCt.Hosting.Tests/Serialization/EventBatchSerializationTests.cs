using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using OrleansCt.Abstractions.Serialization;
using OrleansCt.Core.Events;
using OrleansCt.Grains.Log;

namespace OrleansCt.Hosting.Tests.Serialization;

/// <summary>Event batches and predictions through the Orleans serializer as the silo builds it: the raw-column layout, and the first layout still read.</summary>
public sealed class EventBatchSerializationTests
{
    // An EventsEntry serialized by the first layout (one tagged field per value), before the raw columns: the batch of Legacy().
    private const string FirstLayout = "MAG4fCzzK09ybGVhbnNDdC5FdmVudHNFbnRyeegAIAC08ufF6OggIAAFQQNhQAnDqS0y4CEABYEAAAAAAAD4P4AAAAAAAAD4/+AhAAUhAAWBAAAAAAAA0D+AAAAAAAAA+P/gIAAFgZx1AIg85Df+gAAAAAAAAAhA4OAhAAMhAAVBA3jAAeDgIQAFgQAAAAAAAPA/gAAAAAAAAPj/4CEAA0ELZXh0cmHgIQADAQng4CEACSEACYEAAAAAAADgP4AAAAAAAADgP4AAAAAAAADQP4AAAAAAAADoP+DgQQMxAR1BBWQx4A==";

    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(EventsEntry).Assembly).AddAssembly(typeof(EventBatchSurrogate).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    [Fact]
    public void A_batch_round_trips_bit_for_bit()
    {
        var quietNaN = BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_0001);
        var batch = new EventBatch
        {
            Ids = ["a", "é-2", "", "日本"],
            Times = [1.5, -0.0, double.MaxValue, 1e-310],
            Numeric = [[0.25, quietNaN, double.NegativeInfinity, -0.0], [1, 2, 3, 4]],
            Categorical = [["x", null, "x", "ü"], [null, null, null, null]],
            Labels = [1, double.NaN, 0, 1],
            NewFeatures = new Dictionary<string, long> { ["extra"] = 2 },
        };
        var entry = new EventsEntry(1_700_000_000_000, batch, new Predictions(2, [0.5, 0.5, 0.25, 0.75, 1, 0, -0.0, 1]), "1", 7, "d1");

        var back = (EventsEntry)Serializer.Deserialize<LogEntry>(Serializer.SerializeToArray<LogEntry>(entry))!;

        Assert.Equal(batch.Ids, back.Batch.Ids);
        Assert.Equal(Bits(batch.Times), Bits(back.Batch.Times));
        Assert.Equal(batch.Numeric.Select(Bits), back.Batch.Numeric.Select(Bits));
        Assert.Equal(batch.Categorical, back.Batch.Categorical);
        Assert.Equal(Bits(batch.Labels), Bits(back.Batch.Labels!));
        Assert.Equal(batch.NewFeatures, back.Batch.NewFeatures);
        Assert.Equal(2, back.Predictions.Width);
        Assert.Equal(Bits(entry.Predictions.Scores), Bits(back.Predictions.Scores));
        Assert.Equal((entry.ArrivalUnixMs, "1", 7L, "d1"), (back.ArrivalUnixMs, back.Version, back.SnapshotSequence, back.SnapshotDigest));
    }

    [Fact]
    public void A_batch_without_labels_categorical_or_numeric_columns_round_trips()
    {
        var batch = new EventBatch { Ids = ["only"], Times = [3], Numeric = [], Categorical = [] };

        var back = Serializer.Deserialize<EventBatch>(Serializer.SerializeToArray(batch))!;

        Assert.Equal(["only"], back.Ids);
        Assert.Equal([3.0], back.Times);
        Assert.Empty(back.Numeric);
        Assert.Empty(back.Categorical);
        Assert.Null(back.Labels);
        Assert.Null(back.NewFeatures);
    }

    [Fact]
    public void An_entry_logged_in_the_first_layout_still_reads()
    {
        var back = (EventsEntry)Serializer.Deserialize<LogEntry>(Convert.FromBase64String(FirstLayout))!;

        Assert.Equal(["a", "é-2"], back.Batch.Ids);
        Assert.Equal(1.5, back.Batch.Times[0]);
        Assert.True(double.IsNaN(back.Batch.Times[1]));
        Assert.Equal(0.25, back.Batch.Numeric[0][0]);
        Assert.True(double.IsNaN(back.Batch.Numeric[0][1]));
        Assert.Equal([-1e300, 3.0], back.Batch.Numeric[1]);
        Assert.Equal(new string?[] { "x", null }, back.Batch.Categorical[0]);
        Assert.Equal(1.0, back.Batch.Labels![0]);
        Assert.Equal(2L, back.Batch.NewFeatures!["extra"]);
        Assert.Equal([0.5, 0.5, 0.25, 0.75], back.Predictions.Scores);
        Assert.Equal((1_700_000_000_000L, "1", 7L, "d1"), (back.ArrivalUnixMs, back.Version, back.SnapshotSequence, back.SnapshotDigest));
    }

    private static long[] Bits(double[] values) => values.Select(BitConverter.DoubleToInt64Bits).ToArray();
}
