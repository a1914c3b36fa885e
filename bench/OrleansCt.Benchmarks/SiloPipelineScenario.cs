using System.Diagnostics;
using System.Text.Json;
using Orleans.Concurrency;
using OrleansCt.Abstractions.Ingest;
using OrleansCt.Abstractions.Models;
using OrleansCt.Core.Schema;
using OrleansCt.Core.Validation;

namespace OrleansCt.Benchmarks;

/// <summary>
/// "silo": one in-process silo, the whole write path — ingest grain (JSON parse, validation) → model grain
/// (test-then-train prediction, log append with group commit to SQLite) → apply (learner, monitor, counters) — driven
/// through IGrainFactory with pre-serialised batches of 1,000 labelled events over several models at once. The clock
/// stops once every batch is acknowledged and a GetInfo per model (which waits for apply) has answered.
/// Beside it: the JSON reader alone on one thread, and the same pipeline with unlabelled predict batches.
/// </summary>
public static class SiloPipelineScenario
{
    private const int BatchEvents = 1_000;

    public static async Task<int> RunAsync(string[] args)
    {
        var options = new BenchArgs(args);
        var seconds = options.Seconds(15, 3);
        var models = options.Int("--models", 8);
        var perModel = options.Int("--inflight", 2);
        var maxBatches = options.Int("--max-batches", 200_000);

        var parse = MeasureParse(options.Short ? 200 : 1_000);
        Console.WriteLine($"JSON read alone (EventBatchReader, 1 thread): {parse.MicrosPerBatch:F0} µs per batch of {BatchEvents} = {parse.EventsPerSecond:N0} events/s per core ({parse.BodyBytes / 1024.0:F0} KB body)");

        // The core loop in the same process and run, before the silo starts, so that the ratio compares like with like.
        var core = CoreLoopScenario.EventsPerSecond(options.Short ? 100 : 300, options.Short ? 3 : 5);
        Console.WriteLine($"core loop in this run (validate + predict + sketches + SGD, one thread): {core / 1e6:F2} M events/s");

        var sync = options.Text("--sync", "full");
        await using var silo = await InProcessSilo.StartAsync("bench-silo", new Dictionary<string, string?> { ["OrleansCt:Storage:SqliteSynchronous"] = sync });
        var stages = CostBreakdown.Measure(silo.Services, options.Short ? 100 : 400);
        Console.WriteLine("CPU per batch of 1,000 labelled events, each stage alone on one thread:");
        foreach (var (stage, micros) in stages)
        {
            Console.WriteLine($"  {stage,-56} {micros,9:F0} µs  ({micros / 1000:F2} µs/event)");
        }

        var single = CostBreakdown.Measure(silo.Services, options.Short ? 2_000 : 10_000, events: 1);
        Console.WriteLine("CPU per batch of 1 event (a single predict's fixed costs):");
        foreach (var (stage, micros) in single)
        {
            Console.WriteLine($"  {stage,-56} {micros,9:F1} µs");
        }

        var names = Enumerable.Range(0, models).Select(m => $"bench-{m}").ToArray();
        foreach (var name in names)
        {
            var registered = await silo.Grains.GetGrain<IModelGrain>(name).Register(Workload.Definition());
            if (registered.Status is not (RegisterStatus.Created or RegisterStatus.Updated or RegisterStatus.Unchanged))
            {
                throw new InvalidOperationException($"Register {name}: {registered.Status}");
            }
        }

        var events = await RunPipeline(silo, names, perModel, BatchKind.Events, "e", Math.Min(5, seconds), maxBatches, warmup: true);
        events = await RunPipeline(silo, names, perModel, BatchKind.Events, "E", seconds, maxBatches, warmup: false);
        var predict = await RunPipeline(silo, names, perModel, BatchKind.Predict, "P", Math.Max(2, seconds / 3), maxBatches, warmup: false);
        await RunPipeline(silo, names, perModel, BatchKind.Events, "c", Math.Min(3, seconds), maxBatches, warmup: true, columns: true);
        var columnar = await RunPipeline(silo, names, perModel, BatchKind.Events, "C", seconds, maxBatches, warmup: false, columns: true);
        var total = 0L;
        foreach (var name in names)
        {
            total += (await silo.Grains.GetGrain<IModelGrain>(name).GetInfo())!.Events;
        }

        var parseShare = parse.MicrosPerBatch * events.Batches / 1e6 / events.CpuSeconds;
        Print("events with labels, JSON bodies", events);
        Print("predict (no labels), JSON bodies", predict);
        Print("events with labels, in columns (IngestColumns, no JSON)", columnar);
        Console.WriteLine($"JSON read share of the silo's CPU time (events run): {parseShare:P0}; CPU per event {events.CpuSeconds / events.Events * 1e6:F2} µs, of which JSON read {parse.MicrosPerBatch / BatchEvents:F2} µs");
        Console.WriteLine($"events held by the models: {total:N0}; target 1,000,000 events/s; cores {Machine.Cores} ({Machine.Cpu})");
        Console.WriteLine($"ratio to the core loop in this run: {events.EventsPerSecond / core:F3} (JSON, labelled), {columnar.EventsPerSecond / core:F3} (columns)");
        if (options.Json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                scenario = "silo",
                models,
                inflightPerModel = perModel,
                batchEvents = BatchEvents,
                seconds,
                sqliteSynchronous = sync,
                eventsPerSecond = Math.Round(events.EventsPerSecond),
                predictEventsPerSecond = Math.Round(predict.EventsPerSecond),
                columnsEventsPerSecond = Math.Round(columnar.EventsPerSecond),
                coreLoopEventsPerSecond = Math.Round(core),
                ratioToCoreLoop = Math.Round(events.EventsPerSecond / core, 4),
                columnsRatioToCoreLoop = Math.Round(columnar.EventsPerSecond / core, 4),
                columnsCpuMicrosPerEvent = Math.Round(columnar.CpuSeconds / columnar.Events * 1e6, 3),
                batchesPerSecond = Math.Round(events.Batches / events.Elapsed),
                cpuCoresUsed = Math.Round(events.CpuSeconds / events.Elapsed, 2),
                cpuMicrosPerEvent = Math.Round(events.CpuSeconds / events.Events * 1e6, 3),
                jsonReadMicrosPerBatch = Math.Round(parse.MicrosPerBatch, 1),
                jsonReadEventsPerSecondPerCore = Math.Round(parse.EventsPerSecond),
                jsonReadShareOfCpu = Math.Round(parseShare, 3),
                batchLatencyP50Ms = Math.Round(events.P50Ms, 2),
                batchLatencyP99Ms = Math.Round(events.P99Ms, 2),
                eventsHeld = total,
                stagesMicrosPerBatch = stages.ToDictionary(s => s.Stage, s => Math.Round(s.MicrosPerBatch, 1)),
                stagesMicrosPerSingleEvent = single.ToDictionary(s => s.Stage, s => Math.Round(s.MicrosPerBatch, 2)),
                target = 1_000_000,
                cores = Machine.Cores,
                cpu = Machine.Cpu,
            }));
        }

        return 0;
    }

    private static void Print(string what, Run run) =>
        Console.WriteLine($"{what}: {run.EventsPerSecond:N0} events/s ({run.Events:N0} events in {run.Elapsed:F2} s, {run.Batches / run.Elapsed:N0} batches/s, "
            + $"batch latency p50 {run.P50Ms:F1} ms p99 {run.P99Ms:F1} ms, {run.CpuSeconds / run.Elapsed:F2} cores busy)");

    private static async Task<Run> RunPipeline(InProcessSilo silo, string[] names, int perModel, BatchKind kind, string tag, double seconds, int maxBatches, bool warmup, bool columns = false)
    {
        var workers = names.Length * perModel;
        var bodies = Enumerable.Range(0, workers)
            .Select(w => new BatchBody($"{tag}{w}-", BatchEvents, seed: w, labels: kind == BatchKind.Events)).ToArray();
        var schema = new ModelSchema(Workload.Definition());
        var parsed = columns ? bodies.Select(b => EventBatchReader.Read(b.Bytes, schema, kind, 0).Value!).ToArray() : [];
        var ingest = silo.Grains.GetGrain<IIngestGrain>(0);
        var latencies = new List<double>[workers];
        var sent = 0L;
        var cpuBefore = Machine.OwnCpuTime();
        var clock = Stopwatch.StartNew();
        var deadline = TimeSpan.FromSeconds(seconds);
        var loops = Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var body = bodies[w];
            var model = names[w % names.Length];
            var mine = latencies[w] = new List<double>(4096);
            for (var batch = 0L; clock.Elapsed < deadline && Interlocked.Increment(ref sent) <= maxBatches; batch++)
            {
                IngestResult result;
                double started;
                if (columns)
                {
                    // The caller's share: new ids and times for the batch, the same feature columns.
                    var b = batch;
                    var next = parsed[w] with
                    {
                        Ids = Enumerable.Range(0, BatchEvents).Select(row => $"{tag}{w}-{b:D10}-{row:D5}").ToArray(),
                        Times = Enumerable.Range(0, BatchEvents).Select(row => Workload.TimeOf(b, row)).ToArray(),
                    };
                    started = clock.Elapsed.TotalMilliseconds;
                    result = await ingest.IngestColumns(model, kind, next.AsImmutable());
                }
                else
                {
                    body.SetBatch(batch);
                    started = clock.Elapsed.TotalMilliseconds;
                    result = await ingest.Ingest(model, kind, new(body.Bytes));
                }

                if (result.Status != IngestStatus.Ok)
                {
                    throw new InvalidOperationException($"{model}: {result.Status} {string.Join("; ", result.Errors.Select(e => $"{e.Field} {e.Message}"))}");
                }

                mine.Add(clock.Elapsed.TotalMilliseconds - started);
            }
        })).ToArray();
        await Task.WhenAll(loops);
        foreach (var name in names)
        {
            await silo.Grains.GetGrain<IModelGrain>(name).GetInfo();
        }

        var elapsed = clock.Elapsed.TotalSeconds;
        var cpu = (Machine.OwnCpuTime() - cpuBefore).TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        var batches = all.Length;
        if (warmup)
        {
            Console.WriteLine($"warm-up: {batches} batches in {elapsed:F1} s");
        }

        return new Run(batches, (long)batches * BatchEvents, elapsed, cpu, Machine.Percentile(all, 50), Machine.Percentile(all, 99));
    }

    private static (double MicrosPerBatch, double EventsPerSecond, int BodyBytes) MeasureParse(int iterations)
    {
        var schema = new ModelSchema(Workload.Definition());
        var body = new BatchBody("p-", BatchEvents, seed: 7);
        for (var i = 0; i < 50; i++)
        {
            Check(EventBatchReader.Read(body.Bytes, schema, BatchKind.Events, 1_767_225_600).Ok);
        }

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            Check(EventBatchReader.Read(body.Bytes, schema, BatchKind.Events, 1_767_225_600).Ok);
        }

        var micros = clock.Elapsed.TotalMicroseconds / iterations;
        return (micros, BatchEvents / micros * 1e6, body.Bytes.Length);

        static void Check(bool ok)
        {
            if (!ok)
            {
                throw new InvalidOperationException("The benchmark batch did not validate.");
            }
        }
    }

    private sealed record Run(int Batches, long Events, double Elapsed, double CpuSeconds, double P50Ms, double P99Ms)
    {
        public double EventsPerSecond => Events / Elapsed;
    }
}
