using System.Text.Json;
using OrleansCt.Core.Events;
using OrleansCt.Core.Learning;
using OrleansCt.Core.Monitoring;
using OrleansCt.Core.Schema;

namespace OrleansCt.Benchmarks;

/// <summary>
/// Live-state memory of one model with 20 numeric and 10 categorical features at the default monitoring settings:
/// the learner and the monitor (open bucket, ring, whole stream, reference, fading metrics) after enough events
/// to fill the ring, measured as the managed heap they keep alive, and as the size of their checkpoint. The outbox to the
/// feature windows is emptied as the model grain empties it; the windows' own history (their grains) is not in this figure.
/// </summary>
public static class MemoryScenario
{
    private const int Models = 20;

    public static int Run(bool json, MonitoringSpec? monitoring = null)
    {
        var schema = new ModelSchema(Definition() with { Monitoring = monitoring ?? new MonitoringSpec() });
        var spec = schema.Definition.Monitoring;
        var hours = spec.Ring + 2;
        var eventsPerHour = 2_000;
        var kept = new List<(OnlineLearner, ModelMonitor)>();
        var before = Heap();
        for (var m = 0; m < Models; m++)
        {
            kept.Add(Feed(schema, hours, eventsPerHour, seed: m));
        }

        var after = Heap();
        var perModel = (after - before) / Models;
        var checkpoint = MonitorStateJson.Write(kept[0].Item2.ToState()).Length;
        GC.KeepAlive(kept);
        var idBytes = IdWindowBytesPerId();
        var result = new
        {
            scenario = "memory",
            features = new { numeric = 20, categorical = 10 },
            settings = new { spec.BucketSeconds, spec.Ring, spec.QuantileK, spec.CategoryCap, spec.HistogramBins, spec.AucBins },
            eventsFed = hours * eventsPerHour,
            bytesPerModel = perModel,
            checkpointJsonBytes = checkpoint,
            idWindowBytesPerId = idBytes,
            target = 200 * 1024,
        };
        Console.WriteLine($"live state per model: {perModel / 1024.0:F1} KB (target 200 KB); checkpoint JSON {checkpoint / 1024.0:F1} KB");
        Console.WriteLine($"dedup id window: {idBytes:F1} bytes per id held (OrleansCt:Model:RecentIds)");
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(result));
        }

        return 0;
    }

    /// <summary>The model grain's in-memory id index, per id it holds.</summary>
    private static double IdWindowBytesPerId()
    {
        const int ids = 100_000;
        var before = Heap();
        var window = new IdWindow(ids);
        var random = new Random(7);
        for (var sequence = 1; sequence <= ids / 1_000; sequence++)
        {
            window.Add(sequence, sequence, Enumerable.Range(0, 1_000).Select(_ => (ulong)random.NextInt64()).ToArray());
        }

        var bytes = (Heap() - before) / (double)ids;
        GC.KeepAlive(window);
        return bytes;
    }

    private static (OnlineLearner, ModelMonitor) Feed(ModelSchema schema, int hours, int eventsPerHour, int seed)
    {
        var learner = OnlineLearner.Create(schema);
        var monitor = new ModelMonitor(schema);
        var random = new Random(seed);
        const int batch = 500;
        for (var start = 0; start < hours * eventsPerHour; start += batch)
        {
            var events = Batch(random, start, batch, 3600.0 / eventsPerHour);
            var predictions = learner.PredictAll(events);
            monitor.ObserveEvents(events with { Labels = null }, predictions);
            for (var row = 0; row < events.Count; row++)
            {
                monitor.ObserveLabel(events, row, predictions.Row(row), events.Labels![row], 60);
                learner.Learn(events, row, events.Labels[row]);
            }

            // The model grain hands the outbox (the reference, closed buckets) to the feature windows after each entry it applies,
            // and drops what they confirm: live, it holds next to nothing.
            monitor.Delivered(monitor.ReferenceRevision, monitor.PendingSummaries.Count > 0 ? monitor.PendingSummaries[^1].Index : -1);
        }

        return (learner, monitor);
    }

    private static EventBatch Batch(Random random, int start, int count, double secondsPerEvent) => new()
    {
        Ids = Enumerable.Range(start, count).Select(i => $"e{i}").ToArray(),
        Times = Enumerable.Range(start, count).Select(i => i * secondsPerEvent).ToArray(),
        Numeric = Enumerable.Range(0, 20).Select(_ => Enumerable.Range(0, count).Select(_ => random.NextDouble() * 100).ToArray()).ToArray(),
        Categorical = Enumerable.Range(0, 10).Select(_ => Enumerable.Range(0, count).Select(_ => (string?)$"c{random.Next(50)}").ToArray()).ToArray(),
        Labels = Enumerable.Range(0, count).Select(_ => (double)random.Next(2)).ToArray(),
    };

    private static ModelDefinition Definition() => new()
    {
        Task = ModelTask.Binary,
        Target = "y",
        Classes = ["no", "yes"],
        Features =
        [
            .. Enumerable.Range(0, 20).Select(i => new FeatureSpec { Name = $"n{i}", Type = FeatureType.Numeric }),
            .. Enumerable.Range(0, 10).Select(i => new FeatureSpec { Name = $"c{i}", Type = FeatureType.Categorical }),
        ],
    };

    private static long Heap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
