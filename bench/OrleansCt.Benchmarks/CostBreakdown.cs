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
        var stages = new List<(string Stage, Action Action, int Iterations)>
        {
            ("JSON parse only (JsonDocument)", () => JsonDocument.Parse(body.Bytes).Dispose(), iterations),
            ("JSON read + validate (EventBatchReader)", () => EventBatchReader.Read(body.Bytes, schema, BatchKind.Events, 1_767_225_600), iterations),
            ("id hashes (EventIdHash)", () => EventIdHash.Of(batch.Ids), iterations),
            ("learner clone (test-then-train copy)", () => learner.Clone(), iterations),
            ("predict-then-learn (PredictThenLearn, as the model grain; once: apply keeps the copy)", () => learner.PredictThenLearn(batch, schema.PredictionWidth), iterations),

            // The batch carries its labels (backfill), as the pipeline's: observed with its events.
            ("monitor: events + labels (apply)", () => monitor.ObserveEvents(batch, predictions), iterations),
        };
        if (silo?.GetService<LogCodec>() is { } codec)
        {
            var entry = new EventsEntry(1_767_225_600_000, batch, predictions, "1", 1, "digest");
            var hashes = EventIdHash.Of(batch.Ids);
            stages.Add(("log entry encode (Orleans serializer)", () => codec.Encode("m", 1, entry, hashes), iterations));
            var record = codec.Encode("m", 1, entry, hashes);
            stages.Add(("log entry decode (reads and recovery only)", () => codec.Decode(record), iterations));
        }

        if (silo?.GetService<Orleans.Serialization.Serializer>() is { } serializer)
        {
            stages.Add(("checkpoint: monitor + learner state (every 64,000 events)", () =>
            {
                MonitorStateJson.Write(monitor.ToState());
                serializer.SerializeToArray(learner.ExportState());
            }, Math.Max(10, iterations / 10)));
        }

        WarmUp(stages.Select(s => s.Action).ToArray());
        return stages.Select(s => (s.Stage, Time(s.Iterations, s.Action))).ToArray();
    }

    /// <summary>
    /// Every stage in turn for 200 ms, in rounds until this process's tiered compilation used under 0.05 s in one (or 20 s):
    /// in a process that has just started a silo, the background recompiles queue up behind the silo's own for seconds, and a
    /// stage timed before its turn comes runs instrumented code several times slower (a first stage read 1.2 µs/event for 0.15).
    /// </summary>
    private static void WarmUp(Action[] actions) =>
        JitQuiet.WarmUpAsync([Environment.ProcessId], () =>
        {
            foreach (var action in actions)
            {
                var stage = Stopwatch.StartNew();
                do
                {
                    action();
                }
                while (stage.ElapsedMilliseconds < 200);
            }

            return Task.CompletedTask;
        }, 20).GetAwaiter().GetResult();

    private static double Time(int iterations, Action action)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            action();
        }

        return clock.Elapsed.TotalMicroseconds / iterations;
    }
}
