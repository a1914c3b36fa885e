using System.Diagnostics;
using System.Text.Json;
using OrleansCt.Core.Events;
using OrleansCt.Core.Learning;
using OrleansCt.Core.Monitoring;
using OrleansCt.Core.Schema;
using OrleansCt.Core.Validation;

namespace OrleansCt.Benchmarks;

/// <summary>
/// The per-event work of one model on one thread, no Orleans: validate, predict, sketches (events and labels), SGD update,
/// over a stream of 1,000-event batches with 10 numeric features and a binary label. Each step is timed around the
/// whole batch, so one pass gives the total and the breakdown. Separately: parsing a 1,000-event JSON body.
/// </summary>
public static class CoreLoopScenario
{
    public const double TargetEventsPerSecond = 3_000_000;

    private static readonly string[] StepNames = ["validate", "predict", "monitor", "learn"];

    public static int Run(string[] args)
    {
        var options = BenchArgs.Parse(args);
        var (batchCount, reps, parses) = options.Short ? (100, 3, 5) : (1_000, 7, 50);
        var schema = new ModelSchema(CoreData.Definition());
        var batches = CoreData.Batches(batchCount, distinctBlocks: 64);
        var events = (double)batchCount * CoreData.BatchSize;

        // Warm-up: enough calls for tiered compilation to reach its optimised code.
        for (var i = 0; i < (options.Short ? 1 : 3); i++)
        {
            Pass(schema, batches.AsSpan(0, Math.Min(batchCount, 200)).ToArray());
            Prequential(schema, batches.AsSpan(0, Math.Min(batchCount, 200)).ToArray());
        }

        var passes = Enumerable.Range(0, reps).Select(_ => Pass(schema, batches)).ToList();
        var prequential = Enumerable.Range(0, reps).Select(_ => Prequential(schema, batches)).ToList();

        var nsPerEvent = StepNames.Select((_, s) => Stats.Median(passes.Select(p => p.StepSeconds[s] * 1e9 / events))).ToArray();
        var totalNs = Stats.Median(passes.Select(p => p.TotalSeconds * 1e9 / events));
        var eventsPerSecond = 1e9 / totalNs;
        var allocated = Stats.Median(passes.Select(p => p.AllocatedBytes / events));
        var prequentialNs = Stats.Median(prequential.Select(s => s * 1e9 / events));

        var (parseNs, bodyBytes) = ParseCost(schema, batches[0], parses, reps);
        var spec = schema.Definition.Monitoring;
        var values = batches.Take(Math.Min(batchCount, 100)).SelectMany(b => b.Numeric.SelectMany(c => c)).ToArray();
        var primitives = SketchPrimitives.Measure(values, reps, spec.QuantileK, spec.CategoryCap);
        var parts = MonitorParts.Measure(schema, batches, Served(schema, batches), reps);

        Console.WriteLine($"core loop, one thread: {events:N0} events x {reps} runs, 10 numeric features, binary, default learner and monitoring ({Stats.Machine()})");
        Console.WriteLine($"  overall: {eventsPerSecond / 1e6:F2} M events/s = {totalNs:F1} ns/event (target >= {TargetEventsPerSecond / 1e6:F0} M events/s = {1e9 / TargetEventsPerSecond:F0} ns/event){(eventsPerSecond >= TargetEventsPerSecond ? string.Empty : "  MISSED")}");
        for (var s = 0; s < StepNames.Length; s++)
        {
            Console.WriteLine($"  {StepNames[s],-13} {nsPerEvent[s],8:F1} ns/event  ({100 * nsPerEvent[s] / totalNs,4:F0}%)");
        }

        Console.WriteLine($"  sketch primitives, ns per single Add ({values.Length:N0} values; the monitor adds columns instead: per event 11 NumericSketch and 21 FixedHistogram values, classes counted per run):");
        Console.WriteLine("    " + string.Join(", ", primitives.Select(p => $"{p.Name} {p.Ns:F1}")));
        Console.WriteLine("  the monitor's steps by part (each part alone over the stream, ns/event; the sum runs under the steps' own times):");
        foreach (var (name, ns) in parts)
        {
            Console.WriteLine($"    {ns,6:F1}  {name}");
        }

        Console.WriteLine($"  allocated: {allocated:F1} bytes/event");
        Console.WriteLine($"  prequential predict-then-learn per row (OnlineLearner.PredictThenLearn): {prequentialNs:F1} ns/event");
        Console.WriteLine($"JSON edge: EventBatchReader on a 1,000-event body ({bodyBytes / 1000.0:F0} bytes/event): {parseNs:F0} ns/event = {1e9 / parseNs / 1e6:F2} M events/s");
        if (options.Json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                scenario = "core",
                @short = options.Short,
                machine = Stats.Machine(),
                events = (long)events,
                repetitions = reps,
                eventsPerSecond,
                nsPerEvent = totalNs,
                target = TargetEventsPerSecond,
                steps = StepNames.Select((n, s) => new { step = n, nsPerEvent = nsPerEvent[s] }).ToArray(),
                primitives = primitives.Select(p => new { name = p.Name, nsPerAdd = p.Ns }).ToArray(),
                monitorParts = parts.Select(p => new { name = p.Name, nsPerEvent = p.Ns }).ToArray(),
                allocatedBytesPerEvent = allocated,
                prequentialNsPerEvent = prequentialNs,
                jsonParseNsPerEvent = parseNs,
                jsonBytesPerEvent = bodyBytes / 1000.0,
            }));
        }

        return 0;
    }

    /// <summary>
    /// The core loop's rate in events/s (median of <paramref name="reps"/> passes over <paramref name="batchCount"/> batches, after
    /// warm-up passes): for scenarios that report their own rate as a ratio to it, measured in the same run.
    /// </summary>
    public static double EventsPerSecond(int batchCount, int reps)
    {
        var schema = new ModelSchema(CoreData.Definition());
        var batches = CoreData.Batches(batchCount, distinctBlocks: 64);
        for (var i = 0; i < 3; i++)
        {
            Pass(schema, batches);
        }

        return 1e9 / Stats.Median(Enumerable.Range(0, reps).Select(_ => Pass(schema, batches).TotalSeconds * 1e9 / ((double)batchCount * CoreData.BatchSize)));
    }

    private static PassResult Pass(ModelSchema schema, EventBatch[] batches)
    {
        var learner = OnlineLearner.Create(schema);
        var monitor = new ModelMonitor(schema);
        var steps = new long[StepNames.Length];
        var errors = 0;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var start = Stopwatch.GetTimestamp();
        for (var b = 0; b < batches.Length; b++)
        {
            var batch = batches[b];
            var labels = batch.Labels!;
            var sequence = b + 1L;
            var t0 = Stopwatch.GetTimestamp();
            errors += ColumnarChecks.Count(schema, batch);
            var t1 = Stopwatch.GetTimestamp();
            var predictions = learner.PredictAll(batch);
            var t2 = Stopwatch.GetTimestamp();
            monitor.ObserveEvents(batch, predictions, sequence);
            var t3 = Stopwatch.GetTimestamp();
            for (var row = 0; row < batch.Count; row++)
            {
                learner.Learn(batch, row, labels[row]);
            }

            var t4 = Stopwatch.GetTimestamp();
            steps[0] += t1 - t0;
            steps[1] += t2 - t1;
            steps[2] += t3 - t2;
            steps[3] += t4 - t3;
        }

        var total = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        if (errors != 0 || learner.Updates != (long)batches.Length * CoreData.BatchSize)
        {
            throw new InvalidOperationException($"the stream should be valid and fully learned: {errors} errors, {learner.Updates} updates");
        }

        return new PassResult(total, steps.Select(t => (double)t / Stopwatch.Frequency).ToArray(), allocated);
    }

    /// <summary>The predictions a learner serves on the stream, learning each batch after predicting it (so scores and classes vary as in the loop).</summary>
    private static Predictions[] Served(ModelSchema schema, EventBatch[] batches)
    {
        var learner = OnlineLearner.Create(schema);
        var served = new Predictions[batches.Length];
        for (var b = 0; b < batches.Length; b++)
        {
            served[b] = learner.PredictAll(batches[b]);
            for (var row = 0; row < batches[b].Count; row++)
            {
                learner.Learn(batches[b], row, batches[b].Labels![row]);
            }
        }

        return served;
    }

    private static double Prequential(ModelSchema schema, EventBatch[] batches)
    {
        var learner = OnlineLearner.Create(schema);
        var start = Stopwatch.GetTimestamp();
        foreach (var batch in batches)
        {
            learner.PredictThenLearn(batch, schema.PredictionWidth);
        }

        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private static (double NsPerEvent, int BodyBytes) ParseCost(ModelSchema schema, EventBatch batch, int parses, int reps)
    {
        var body = CoreData.Json(CoreData.WithIds(batch, 0), [.. schema.Definition.Classes]);
        for (var i = 0; i < 20; i++)
        {
            Check(EventBatchReader.Read(body, schema, BatchKind.Events, 0));
        }

        var runs = new List<double>();
        for (var r = 0; r < reps; r++)
        {
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < parses; i++)
            {
                Check(EventBatchReader.Read(body, schema, BatchKind.Events, 0));
            }

            runs.Add(Stopwatch.GetElapsedTime(start).TotalSeconds * 1e9 / (parses * (double)batch.Count));
        }

        return (Stats.Median(runs), body.Length);

        static void Check(ReadResult<EventBatch> outcome)
        {
            if (!outcome.Ok)
            {
                throw new InvalidOperationException("the benchmark body was rejected: " + string.Join("; ", outcome.Errors.Take(3)));
            }
        }
    }

    private sealed record PassResult(double TotalSeconds, double[] StepSeconds, long AllocatedBytes);
}
