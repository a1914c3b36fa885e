using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using OrleansCt.Abstractions.Ingest;
using OrleansCt.Abstractions.Models;
using OrleansCt.Core.Schema;
using OrleansCt.Core.Validation;

namespace OrleansCt.Benchmarks;

/// <summary>
/// "models": many models (10,000 × 20 numeric features; 1,000 with --short) live in one in-process silo (embedded SQLite).
/// They are registered concurrently (bounded), then receive rounds of small labelled batches — one batch per model per
/// round — so every model gets events. Measures the process's memory (GC heap after a full collection, working set)
/// in all and per model, and the in-silo events/s with events spread over all models.
/// The per-model caches are set small through configuration (--recent-ids, --recent-events; --caches default keeps the
/// shipped defaults instead).
/// </summary>
public static class ManyModelsScenario
{
    private const int Features = 20;
    private const int BodyVariants = 16;

    public static async Task<int> RunAsync(string[] args)
    {
        var options = new BenchArgs(args);
        var models = options.Int("--models", options.Short ? 1_000 : 10_000);
        var batchEvents = options.Int("--batch-events", 50);
        var rounds = options.Int("--rounds", options.Short ? 3 : 5);
        var timeLimit = options.Seconds(300, 60);
        var parallel = options.Int("--parallel", 32);
        var defaults = options.Text("--caches", "small") == "default";
        var recentIds = options.Int("--recent-ids", 1_000);
        var recentEvents = options.Int("--recent-events", 200);
        var sync = options.Text("--sync", "full");
        var monitoring = Settings.Monitoring(args);

        var overrides = new Dictionary<string, string?> { ["OrleansCt:Storage:SqliteSynchronous"] = sync };
        if (!defaults)
        {
            overrides["OrleansCt:Model:RecentIds"] = recentIds.ToString(CultureInfo.InvariantCulture);
            overrides["OrleansCt:Model:RecentEvents"] = recentEvents.ToString(CultureInfo.InvariantCulture);
        }

        var caches = defaults ? "defaults (RecentIds 50,000, RecentEvents 10,000)" : $"RecentIds {recentIds:N0}, RecentEvents {recentEvents:N0}";
        Console.WriteLine($"{models:N0} models × {Features} numeric features, one in-process silo (SQLite synchronous={sync}); caches: {caches}; "
            + $"{(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC");

        await using var silo = await InProcessSilo.StartAsync("bench-models", overrides);
        Console.WriteLine($"monitoring: ring {monitoring.Ring}, quantile k {monitoring.QuantileK}, category cap {monitoring.CategoryCap}, AUC bins {monitoring.AucBins} (--ring, --quantile-k, ...)");
        var baseline = Memory.Measure();
        Console.WriteLine($"silo started, no models: GC heap {Mb(baseline.HeapBytes):N0} MB, working set {Mb(baseline.WorkingSetBytes):N0} MB");

        var total = Stopwatch.StartNew();
        var limit = TimeSpan.FromSeconds(timeLimit);
        var names = Enumerable.Range(0, models).Select(m => $"many-{m:D5}").ToArray();
        var definition = Definition() with { Monitoring = monitoring };
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (name, _) =>
        {
            var registered = await silo.Grains.GetGrain<IModelGrain>(name).Register(definition);
            if (registered.Status is not (RegisterStatus.Created or RegisterStatus.Updated or RegisterStatus.Unchanged))
            {
                throw new InvalidOperationException($"Register {name}: {registered.Status}");
            }
        });
        var registerSeconds = clock.Elapsed.TotalSeconds;
        var registered = Memory.Measure();
        Console.WriteLine($"registered {models:N0} models in {registerSeconds:F1} s ({models / registerSeconds:N0}/s, {parallel} at a time): "
            + $"GC heap {Mb(registered.HeapBytes):N0} MB, working set {Mb(registered.WorkingSetBytes):N0} MB "
            + $"(+{Kb((registered.HeapBytes - baseline.HeapBytes) / (double)models):F1} KB heap per model)");

        // Bodies: per round, a few variants with distinct values; ids "r{round}-{row}" are unique within each model.
        var bodies = Enumerable.Range(0, rounds)
            .Select(r => Enumerable.Range(0, BodyVariants).Select(v => Body($"r{r:D4}-", batchEvents, seed: r * BodyVariants + v)).ToArray())
            .ToArray();
        Console.WriteLine($"batch body: {batchEvents} labelled events, {bodies[0][0].Length / 1024.0:F1} KB");
        var ingest = silo.Grains.GetGrain<IIngestGrain>(0);
        var roundResults = new List<(int Round, double Seconds, double EventsPerSecond, double Cores)>();
        var done = 0;
        for (var round = 0; round < rounds && total.Elapsed < limit; round++)
        {
            var cpuBefore = Machine.OwnCpuTime();
            clock.Restart();
            var current = bodies[round];
            await Parallel.ForEachAsync(Enumerable.Range(0, models), new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (m, _) =>
            {
                var result = await ingest.Ingest(names[m], BatchKind.Events, new(current[m % BodyVariants]));
                if (result.Status != IngestStatus.Ok)
                {
                    throw new InvalidOperationException($"{names[m]}: {result.Status} {string.Join("; ", result.Errors.Select(e => $"{e.Field} {e.Message}"))}");
                }
            });
            var elapsed = clock.Elapsed.TotalSeconds;
            var cpu = (Machine.OwnCpuTime() - cpuBefore).TotalSeconds;
            var rate = (double)models * batchEvents / elapsed;
            roundResults.Add((round, elapsed, rate, cpu / elapsed));
            done++;
            var heap = options.Text("--heap-per-round", "no") == "yes" ? $", GC heap {Mb(Memory.Measure().HeapBytes):N0} MB" : "";
            Console.WriteLine($"round {round + 1}: {models:N0} batches of {batchEvents} in {elapsed:F2} s = {rate:N0} events/s ({models / elapsed:N0} batches/s, {cpu / elapsed:F2} cores){heap}");
        }

        // Every model's apply has caught up once GetInfo answers.
        clock.Restart();
        var held = 0L;
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (name, _) =>
        {
            var info = await silo.Grains.GetGrain<IModelGrain>(name).GetInfo();
            Interlocked.Add(ref held, info?.Events ?? 0);
        });
        var drain = clock.Elapsed.TotalSeconds;
        var after = Memory.Measure();
        var steady = roundResults.Skip(1).ToArray();
        var steadyRate = steady.Length > 0 ? steady.Sum(r => (double)models * batchEvents) / steady.Sum(r => r.Seconds) : roundResults.LastOrDefault().EventsPerSecond;
        var perModelHeap = (after.HeapBytes - baseline.HeapBytes) / (double)models;
        var perModelWs = (after.WorkingSetBytes - baseline.WorkingSetBytes) / (double)models;
        Console.WriteLine($"after {done} rounds (GetInfo of every model {drain:F1} s): events held {held:N0} of {(long)models * batchEvents * done:N0} sent ({held / models:N0} per model)");
        Console.WriteLine($"events/s spread over all models (rounds 2..{done}; round 1 is the first events after registration): {steadyRate:N0}");
        Console.WriteLine($"memory in all: GC heap {Mb(after.HeapBytes):N0} MB (committed {Mb(after.CommittedBytes):N0} MB), working set {Mb(after.WorkingSetBytes):N0} MB, private {Mb(after.PrivateBytes):N0} MB; target < 2,048 MB: {(after.WorkingSetBytes < 2L << 30 ? "met" : "MISSED")}");
        Console.WriteLine($"memory per model (minus the empty silo): GC heap {Kb(perModelHeap):F1} KB, working set {Kb(perModelWs):F1} KB; "
            + $"×10,000 = {Mb(perModelHeap * 10_000):N0} MB heap");
        Console.WriteLine($"cores {Machine.Cores} ({Machine.Cpu}); total {total.Elapsed.TotalSeconds:F0} s");
        if (options.Json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                scenario = "models",
                models,
                features = Features,
                batchEvents,
                rounds = done,
                caches = defaults ? "default" : "small",
                recentIds = defaults ? 50_000 : recentIds,
                recentEvents = defaults ? 10_000 : recentEvents,
                sqliteSynchronous = sync,
                serverGc = System.Runtime.GCSettings.IsServerGC,
                ring = monitoring.Ring,
                quantileK = monitoring.QuantileK,
                registerSeconds = Math.Round(registerSeconds, 2),
                registerPerSecond = Math.Round(models / registerSeconds),
                eventsPerSecond = Math.Round(steadyRate),
                roundsEventsPerSecond = roundResults.Select(r => Math.Round(r.EventsPerSecond)).ToArray(),
                eventsHeld = held,
                heapMb = Math.Round(Mb(after.HeapBytes), 1),
                workingSetMb = Math.Round(Mb(after.WorkingSetBytes), 1),
                emptySiloHeapMb = Math.Round(Mb(baseline.HeapBytes), 1),
                emptySiloWorkingSetMb = Math.Round(Mb(baseline.WorkingSetBytes), 1),
                heapKbPerModel = Math.Round(Kb(perModelHeap), 2),
                workingSetKbPerModel = Math.Round(Kb(perModelWs), 2),
                targetMb = 2_048,
                cores = Machine.Cores,
                cpu = Machine.Cpu,
            }));
        }

        return 0;
    }

    private static double Mb(double bytes) => bytes / (1024.0 * 1024);

    private static double Kb(double bytes) => bytes / 1024.0;

    private static ModelDefinition Definition() => new()
    {
        Task = ModelTask.Binary,
        Target = "class",
        Classes = ["DOWN", "UP"],
        PositiveClass = "UP",
        Features = [.. Enumerable.Range(0, Features).Select(i => new FeatureSpec { Name = $"f{i}", Type = FeatureType.Numeric })],
    };

    private static byte[] Body(string prefix, int events, int seed)
    {
        var random = new Random(seed);
        var json = new StringBuilder(events * 500);
        json.Append("{\"events\":[");
        for (var row = 0; row < events; row++)
        {
            json.Append(row == 0 ? "" : ",").Append("{\"id\":\"").Append(prefix).Append(row.ToString("D5", CultureInfo.InvariantCulture))
                .Append("\",\"time\":").Append((1_767_225_600 + random.Next(86_400)).ToString(CultureInfo.InvariantCulture)).Append(",\"features\":{");
            var score = 0.0;
            for (var f = 0; f < Features; f++)
            {
                var x = Math.Round(random.NextDouble() * 2 - 1, 6);
                score += f % 2 == 0 ? x : -0.5 * x;
                json.Append(f == 0 ? "" : ",").Append("\"f").Append(f).Append("\":").Append(x.ToString("R", CultureInfo.InvariantCulture));
            }

            json.Append("},\"label\":\"").Append(score + 0.3 * (random.NextDouble() - 0.5) > 0 ? "UP" : "DOWN").Append("\"}");
        }

        json.Append("]}");
        return Encoding.UTF8.GetBytes(json.ToString());
    }

    private readonly record struct Memory(long HeapBytes, long CommittedBytes, long WorkingSetBytes, long PrivateBytes)
    {
        public static Memory Measure()
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
            using var self = Process.GetCurrentProcess();
            return new Memory(GC.GetTotalMemory(forceFullCollection: false), info.TotalCommittedBytes, self.WorkingSet64, self.PrivateMemorySize64);
        }
    }
}
