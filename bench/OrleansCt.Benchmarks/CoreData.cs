using System.Globalization;
using System.Text.Json;
using OrleansCt.Core.Events;
using OrleansCt.Core.Schema;

namespace OrleansCt.Benchmarks;

/// <summary>The synthetic stream of the core and storage scenarios: 10 numeric features, a binary label with a linear signal.</summary>
public static class CoreData
{
    public const int Features = 10;
    public const int BatchSize = 1_000;

    // 100 events per second of event time: a long stream crosses a few hourly buckets.
    public const double SecondsPerEvent = 0.01;

    public static ModelDefinition Definition() => new()
    {
        Task = ModelTask.Binary,
        Target = "y",
        Classes = ["no", "yes"],
        Features = [.. Enumerable.Range(0, Features).Select(i => new FeatureSpec { Name = $"f{i}", Type = FeatureType.Numeric })],
    };

    /// <summary>Distinct feature blocks (so the stream is not one block replayed) and one Times array per batch.</summary>
    public static EventBatch[] Batches(int batches, int distinctBlocks, int seed = 1)
    {
        var random = new Random(seed);
        var weights = Enumerable.Range(0, Features).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var blocks = Enumerable.Range(0, distinctBlocks).Select(_ => Block(random, weights)).ToArray();
        var ids = Enumerable.Range(0, BatchSize).Select(i => $"evt-{i:D8}").ToArray();
        var result = new EventBatch[batches];
        for (var b = 0; b < batches; b++)
        {
            var (numeric, labels) = blocks[b % distinctBlocks];
            var first = (long)b * BatchSize;
            result[b] = new EventBatch
            {
                Ids = ids,
                Times = Enumerable.Range(0, BatchSize).Select(i => (first + i) * SecondsPerEvent).ToArray(),
                Numeric = numeric,
                Categorical = [],
                Labels = labels,
            };
        }

        return result;
    }

    /// <summary>A batch with its own ids (evt-{first + i}), for payloads that must look like a real entry.</summary>
    public static EventBatch WithIds(EventBatch batch, long first) => batch with
    {
        Ids = Enumerable.Range(0, batch.Count).Select(i => $"evt-{first + i:D12}").ToArray(),
    };

    /// <summary>The body a client would POST to /events for this batch, labels as class names.</summary>
    public static byte[] Json(EventBatch batch, string[] classes)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("events");
            for (var row = 0; row < batch.Count; row++)
            {
                writer.WriteStartObject();
                writer.WriteString("id", batch.Ids[row]);
                writer.WriteNumber("time", batch.Times[row]);
                writer.WriteStartObject("features");
                for (var f = 0; f < batch.Numeric.Length; f++)
                {
                    writer.WriteNumber(string.Create(CultureInfo.InvariantCulture, $"f{f}"), batch.Numeric[f][row]);
                }

                writer.WriteEndObject();
                writer.WriteString("label", classes[(int)batch.Labels![row]]);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static (double[][] Numeric, double[] Labels) Block(Random random, double[] weights)
    {
        var numeric = Enumerable.Range(0, Features).Select(_ => new double[BatchSize]).ToArray();
        var labels = new double[BatchSize];
        for (var row = 0; row < BatchSize; row++)
        {
            var margin = 0.0;
            for (var f = 0; f < Features; f++)
            {
                // Features on different scales and offsets, as raw inputs are.
                var x = Gaussian(random) * (f + 1) + (10 * f);
                numeric[f][row] = x;
                margin += weights[f] * (x - (10 * f)) / (f + 1);
            }

            labels[row] = margin + (0.5 * Gaussian(random)) > 0 ? 1 : 0;
        }

        return (numeric, labels);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
