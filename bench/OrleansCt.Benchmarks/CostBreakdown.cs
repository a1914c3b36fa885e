using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OrleansCt.Core.Events;
using OrleansCt.Core.Hashing;
using OrleansCt.Core.Learning;
using OrleansCt.Core.Monitoring;
using OrleansCt.Core.Schema;
using OrleansCt.Core.Validation;
using OrleansCt.Grains.Log;

namespace OrleansCt.Benchmarks;

/// <summary>
/// The CPU cost of each stage of the write path for one batch of 1,000 labelled events, each stage alone on one
/// thread with the silo's own code (the batch size is a parameter: 1,000 for throughput, 1 for per-request overheads): what the end-to-end figure is made of.
/// </summary>
public static class CostBreakdown
{
    public static IReadOnlyList<(string Stage, double MicrosPerBatch)> Measure(IServiceProvider? silo, int iterations, int events = 1_000)
    {
        var schema = new ModelSchema(Workload.Definition());
        var body = new BatchBody("c-", events, seed: 11);
        var batch = EventBatchReader.Read(body.Bytes, schema, BatchKind.Events, 1_767_225_600).Value!;
        var learner = OnlineLearner.Create(schema);
        var monitor = new ModelMonitor(schema);
        var predictions = learner.PredictAll(batch);
        var row = new double[schema.PredictionWidth];
        var stages = new List<(string, double)>
        {
            ("JSON parse only (JsonDocument)", Time(iterations, () => JsonDocument.Parse(body.Bytes).Dispose())),
            ("JSON read + validate (EventBatchReader)", Time(iterations, () => EventBatchReader.Read(body.Bytes, schema, BatchKind.Events, 1_767_225_600))),
            ("id hashes (EventIdHash)", Time(iterations, () => EventIdHash.Of(batch.Ids))),
            ("learner clone (test-then-train copy)", Time(iterations, () => learner.Clone())),
            ("predict + learn per row (once: the entry is built by a copy that apply then keeps)", Time(iterations, () =>
            {
                for (var r = 0; r < batch.Count; r++)
                {
                    learner.Predict(batch, r, row);
                    learner.Learn(batch, r, batch.Labels![r]);
                }
            })),
            ("monitor: events + labels (apply)", Time(iterations, () =>
            {
                // The batch carries its labels (backfill), as the pipeline's: observed with its events.
                monitor.ObserveEvents(batch, predictions);
            })),
        };
        if (silo?.GetService<LogCodec>() is { } codec)
        {
            var entry = new EventsEntry(1_767_225_600_000, batch, predictions, "1", 1, "digest");
            var hashes = EventIdHash.Of(batch.Ids);
            stages.Add(("log entry encode (Orleans serializer)", Time(iterations, () => codec.Encode("m", 1, entry, hashes))));
            var record = codec.Encode("m", 1, entry, hashes);
            stages.Add(("log entry decode (reads and recovery only)", Time(iterations, () => codec.Decode(record))));
        }

        if (silo?.GetService<Orleans.Serialization.Serializer>() is { } serializer)
        {
            stages.Add(("checkpoint: monitor + learner state (every 64 entries)", Time(Math.Max(10, iterations / 10), () =>
            {
                MonitorStateJson.Write(monitor.ToState());
                serializer.SerializeToArray(learner.ExportState());
            })));
        }

        return stages;
    }

    private static double Time(int iterations, Action action)
    {
        for (var i = 0; i < Math.Max(5, iterations / 10); i++)
        {
            action();
        }

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            action();
        }

        return clock.Elapsed.TotalMicroseconds / iterations;
    }
}
