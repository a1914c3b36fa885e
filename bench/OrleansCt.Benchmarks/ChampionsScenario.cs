using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Orleans.Concurrency;
using OrleansCt.Abstractions.Ingest;
using OrleansCt.Abstractions.Models;
using OrleansCt.Abstractions.Training;
using OrleansCt.Core.Events;
using OrleansCt.Core.Schema;
using OrleansCt.Core.Validation;
using OrleansCt.Training.Rows;
using OrleansCt.Training.Trainers;

namespace OrleansCt.Benchmarks;

/// <summary>
/// "champions": predict through one in-process silo with three kinds of champion side by side, in the same run. Three elec2 models
/// (<see cref="Elec2Stream"/>) are backfilled with the same first N labelled rows through the ingest grain (IngestColumns, events);
/// model A keeps the online learner, B and C are retrained on demand through their coordinator grains (LightGBM and L-BFGS) with
/// a permissive gate and must be promoted (live mode: promotion right after the gate). Then predict batches of 100 rows (and of 1)
/// from elec2's next rows, unlabelled, arrival time, fresh ids, go through the ingest grain (CompiledSnapshot.Predict: the ML.NET
/// model's LoadedModel.Score for B and C, the online learner for A) and the model grain's log append, with a fixed number in
/// flight. The models take turns in short slices (A, B, C, A, B, C, …) so that machine noise falls on all three alike;
/// throughput is each model's rows over the time of its own slices, latency the per-batch call time, CPU the process's
/// (silo and caller) per row. Every answer's version is checked against the model's champion.
/// </summary>
public static class ChampionsScenario
{
    private const string OnlineVersion = "1";

    public static async Task<int> RunAsync(string[] args)
    {
        var options = BenchArgs.Parse(args);
        var rows = options.Int("--rows", options.Short ? 2_000 : 5_000);
        var inflight = options.Int("--inflight", 4);
        var seconds = options.Seconds(10, 2);
        var singleSeconds = Math.Max(0.5, seconds * 0.4);
        var slice = options.Short ? 0.25 : 0.5;
        const int predictRows = 10_000;

        var clock = Stopwatch.StartNew();
        var elec2 = Elec2Stream.Load(rows + predictRows);
        if (elec2.Count < rows + 1_000)
        {
            throw new InvalidOperationException($"elec2 has {elec2.Count} rows; --rows {rows} leaves too few to predict");
        }

        var definition = Elec2Stream.Definition(new LearnerSpec());
        var schema = new ModelSchema(definition);
        Console.WriteLine($"champions: elec2, {rows:N0} labelled rows backfilled per model, predict from rows {rows:N0}+; {inflight} in flight; "
            + $"{Machine.Cores} cores ({Machine.Cpu}), load average {LoadAverage()}");

        // ML.NET compiles its code on first use; train each trainer once on 500 rows beside the silo (as "training" does) so that
        // the retrains' seconds are the training's, not the JIT's.
        var warmRows = TrainingRows.From(schema, Slice(elec2, 0, 500, labels: true));
        foreach (var kind in new[] { TrainerKind.LightGbm, TrainerKind.Lbfgs })
        {
            ModelTrainer.Train(warmRows, new TrainerSpec(kind));
        }

        await using var silo = await InProcessSilo.StartAsync("bench-champions");
        var models = new[]
        {
            new Contender("A", "champ-online", "online", null),
            new Contender("B", "champ-lightgbm", "lightGbm", "lightGbm"),
            new Contender("C", "champ-lbfgs", "lbfgs", "lbfgs"),
        };

        var ingest = silo.Grains.GetGrain<IIngestGrain>(0);
        foreach (var m in models)
        {
            var registered = await silo.Grains.GetGrain<IModelGrain>(m.Name).Register(definition);
            if (registered.Status is not (RegisterStatus.Created or RegisterStatus.Updated or RegisterStatus.Unchanged))
            {
                throw new InvalidOperationException($"Register {m.Name}: {registered.Status}");
            }
        }

        var backfill = Stopwatch.StartNew();
        for (var start = 0; start < rows; start += 1_000)
        {
            var batch = Slice(elec2, start, Math.Min(1_000, rows - start), labels: true);
            foreach (var m in models)
            {
                Check(m.Name, await ingest.IngestColumns(m.Name, BatchKind.Events, batch.AsImmutable()));
            }
        }

        foreach (var m in models)
        {
            var info = await silo.Grains.GetGrain<IModelGrain>(m.Name).GetInfo();
            if (info!.Labels < rows)
            {
                throw new InvalidOperationException($"{m.Name}: {info.Labels} labels held after the backfill of {rows}");
            }
        }

        Console.WriteLine($"backfill: {rows:N0} labelled rows × {models.Length} models through IngestColumns in {backfill.Elapsed.TotalSeconds:F2} s");

        // Both retrains at once: the silo has one training slot, so the second queues behind the first (its wall time says so).
        var gate = new GateRequest { Metric = "accuracy", MaxWorsening = 1, MaxLatencyMs = 10_000 };
        var requested = new List<(Contender Model, string Id, Stopwatch Wall)>();
        foreach (var m in models.Where(m => m.Trainer is not null))
        {
            var wall = Stopwatch.StartNew();
            var result = await silo.Grains.GetGrain<ICoordinatorGrain>(m.Name)
                .Retrain(new RetrainRequest { Trainer = m.Trainer, Reason = "champions benchmark", By = "bench", Gate = gate }, "demand");
            if (result.Status != ReadStatus.Ok)
            {
                throw new InvalidOperationException($"retrain {m.Name}: {result.Status} {string.Join("; ", result.Errors.Select(e => $"{e.Field} {e.Message}"))}");
            }

            requested.Add((m, result.Retrain!.Id, wall));
        }

        foreach (var (m, id, wall) in requested)
        {
            var view = await silo.Grains.GetGrain<ICoordinatorGrain>(m.Name).Await(id, TimeSpan.FromSeconds(options.Short ? 60 : 110));
            var seen = wall.Elapsed.TotalSeconds;
            if (view is not { State: "promoted", Candidate: { } candidate })
            {
                throw new InvalidOperationException($"{m.Name}: retrain {id} was not promoted: state {view?.State ?? "unknown"}, "
                    + $"{view?.Error ?? view?.Decision?.Summary ?? view?.Steps.LastOrDefault()?.ToString() ?? "no decision"}");
            }

            var info = await silo.Grains.GetGrain<IModelGrain>(m.Name).GetInfo();
            if (info!.Champion != candidate)
            {
                throw new InvalidOperationException($"{m.Name}: retrain {id} says promoted version {candidate}, but the model's champion is {info.Champion}");
            }

            m.Version = candidate;
            m.Training = new TrainingFigures(view.Cost?.Seconds ?? double.NaN, view.Cost?.Rows ?? 0, view.HoldoutRows ?? 0, seen,
                view.Decision?.Metric, view.Decision?.Candidate, view.Decision?.Champion);
            Console.WriteLine($"  {m.Label} {m.Name}: {m.Kind} trained on {m.Training.Rows:N0} rows in {m.Training.Seconds:F3} s "
                + $"({m.Training.SecondsPer10k:F3} s per 10,000 rows), {m.Training.WallSeconds:F2} s from request to promotion; "
                + $"held out {m.Training.HoldoutRows:N0}: {m.Training.Metric} {m.Training.Candidate:F4} against the online champion's {m.Training.Champion:F4}; champion now version {candidate}");
        }

        foreach (var m in models.Where(m => m.Trainer is null))
        {
            var info = await silo.Grains.GetGrain<IModelGrain>(m.Name).GetInfo();
            m.Version = info!.Champion;
            if (m.Version != OnlineVersion)
            {
                throw new InvalidOperationException($"{m.Name}: champion {m.Version}, expected the online learner ({OnlineVersion})");
            }
        }

        var pool100 = Enumerable.Range(0, predictRows / 100).Select(i => rows + (i * 100)).Where(s => s + 100 <= elec2.Count)
            .Select(s => Slice(elec2, s, 100, labels: false)).ToArray();
        var pool1 = Enumerable.Range(rows, Math.Min(2_000, elec2.Count - rows)).Select(r => Slice(elec2, r, 1, labels: false)).ToArray();
        var sequence = 0L;

        async Task Round(int[] sizes, double sliceSeconds, bool measured)
        {
            foreach (var size in sizes)
            {
                foreach (var m in models)
                {
                    var run = await RunSlice(ingest, m, size == 100 ? pool100 : pool1, inflight, sliceSeconds, () => Interlocked.Increment(ref sequence));
                    if (measured)
                    {
                        (size == 100 ? m.Batches : m.Singles).Add(run);
                    }
                    else
                    {
                        m.WarmUpMismatches += run.Mismatches;
                    }
                }
            }
        }

        Console.WriteLine(await JitQuiet.WarmUpAsync([Environment.ProcessId], () => Round([100, 1], slice, measured: false), options.Short ? 4 : 20));
        foreach (var m in models)
        {
            // The first predict after a promotion may be answered by the ingest grain's older snapshot (the answer says which);
            // after the warm-up every answer must come from the champion.
            var last = await RunSlice(ingest, m, pool100, 1, 0.05, () => Interlocked.Increment(ref sequence));
            if (last.Mismatches > 0)
            {
                throw new InvalidOperationException($"{m.Name}: after the warm-up, predictions still come from a version other than the champion {m.Version}");
            }
        }

        var measure = Stopwatch.StartNew();
        var rounds100 = (int)Math.Ceiling(seconds / slice);
        for (var r = 0; r < rounds100; r++)
        {
            await Round([100], slice, measured: true);
        }

        var rounds1 = (int)Math.Ceiling(singleSeconds / slice);
        for (var r = 0; r < rounds1; r++)
        {
            await Round([1], slice, measured: true);
        }

        var mismatches = models.Sum(m => m.Batches.Concat(m.Singles).Sum(s => s.Mismatches));
        if (mismatches > 0)
        {
            throw new InvalidOperationException($"{mismatches} measured batches were answered by a version other than their model's champion");
        }

        Console.WriteLine($"measured: {rounds100} rounds of {slice:F2}-s slices (A, B, C) with batches of 100, then {rounds1} with single events, in {measure.Elapsed.TotalSeconds:F1} s; load average {LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine($"{"model",-16} {"champion",-18} {"train s",8} {"s/10k",7} | {"rows/s (100)",12} {"p50 ms",7} {"p99 ms",7} {"CPU µs/row",10} | {"events/s (1)",12} {"p50 ms",7} {"p99 ms",7}");
        var results = new List<object>();
        foreach (var m in models)
        {
            var b = Summary.Of(m.Batches);
            var s = Summary.Of(m.Singles);
            var train = m.Training is { } t ? $"{t.Seconds,8:F3} {t.SecondsPer10k,7:F3}" : $"{"—",8} {"—",7}";
            Console.WriteLine($"{m.Label} {m.Name,-14} {$"{m.Kind} (v{m.Version})",-18} {train} | {b.RowsPerSecond,12:N0} {b.P50Ms,7:F2} {b.P99Ms,7:F2} {b.CpuMicrosPerRow,10:F2} | {s.RowsPerSecond,12:N0} {s.P50Ms,7:F2} {s.P99Ms,7:F2}");
            results.Add(new
            {
                label = m.Label,
                model = m.Name,
                champion = m.Kind,
                version = m.Version,
                training = m.Training is { } tr
                    ? new
                    {
                        seconds = Math.Round(tr.Seconds, 4),
                        rows = tr.Rows,
                        secondsPer10kRows = Math.Round(tr.SecondsPer10k, 4),
                        holdoutRows = tr.HoldoutRows,
                        requestToPromotionSeconds = Math.Round(tr.WallSeconds, 3),
                        gateMetric = tr.Metric,
                        candidate = tr.Candidate,
                        onlineChampion = tr.Champion,
                    }
                    : null,
                batch100 = b.Json(),
                single = s.Json(),
            });
        }

        var online = Summary.Of(models[0].Batches).RowsPerSecond;
        Console.WriteLine($"batches of 100 against the online champion: {string.Join(", ", models.Skip(1).Select(m => $"{m.Kind} {Summary.Of(m.Batches).RowsPerSecond / online:P0}"))}; "
            + $"whole scenario {clock.Elapsed.TotalSeconds:F0} s");
        if (options.Json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                scenario = "champions",
                dataset = "elec2",
                backfillRows = rows,
                inflight,
                sliceSeconds = slice,
                rounds100,
                rounds1,
                cores = Machine.Cores,
                cpu = Machine.Cpu,
                loadAverage = LoadAverage(),
                models = results,
            }));
        }

        return 0;
    }

    /// <summary>
    /// One model's turn: <paramref name="inflight"/> callers send batches from the pool (fresh ids, arrival time) until the slice's
    /// time is up; the slice ends when the last answer is in.
    /// </summary>
    private static async Task<SliceRun> RunSlice(IIngestGrain ingest, Contender model, EventBatch[] pool, int inflight, double seconds, Func<long> next)
    {
        var latencies = new List<double>[inflight];
        var mismatches = 0;
        var rowCount = 0L;
        var cpuBefore = Machine.OwnCpuTime();
        var clock = Stopwatch.StartNew();
        var deadline = TimeSpan.FromSeconds(seconds);
        var workers = Enumerable.Range(0, inflight).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = new List<double>(1024);
            while (clock.Elapsed < deadline)
            {
                var n = next();
                var source = pool[(int)(n % pool.Length)];
                var batch = source with { Ids = Ids(n, source.Count) };
                var started = clock.Elapsed.TotalMilliseconds;
                var result = await ingest.IngestColumns(model.Name, BatchKind.Predict, batch.AsImmutable());
                mine.Add(clock.Elapsed.TotalMilliseconds - started);
                Check(model.Name, result);
                if (result.Versions is not { Length: > 0 } versions || versions[0] != model.Version || versions[^1] != model.Version)
                {
                    Interlocked.Increment(ref mismatches);
                }

                Interlocked.Add(ref rowCount, source.Count);
            }
        })).ToArray();
        await Task.WhenAll(workers);
        return new SliceRun(rowCount, latencies.SelectMany(l => l).ToArray(), clock.Elapsed.TotalSeconds, (Machine.OwnCpuTime() - cpuBefore).TotalSeconds, mismatches);
    }

    private static string[] Ids(long sequence, int count)
    {
        var ids = new string[count];
        for (var row = 0; row < count; row++)
        {
            ids[row] = string.Create(CultureInfo.InvariantCulture, $"p{sequence:D9}-{row:D3}");
        }

        return ids;
    }

    /// <summary>Rows [start, start + count) of elec2: event times from 2026-01-01, 30 minutes apart (labelled), or the arrival time (predict).</summary>
    private static EventBatch Slice(EventBatch source, int start, int count, bool labels) => new()
    {
        Ids = [.. source.Ids.Skip(start).Take(count).Select(id => $"e{id}")],
        Times = labels ? [.. source.Times.Skip(start).Take(count).Select(t => Workload.Epoch + t)] : [.. Enumerable.Repeat(double.NaN, count)],
        Numeric = [.. source.Numeric.Select(c => c.AsSpan(start, count).ToArray())],
        Categorical = [.. source.Categorical.Select(c => c.AsSpan(start, count).ToArray())],
        Labels = labels ? source.Labels!.AsSpan(start, count).ToArray() : null,
    };

    private static void Check(string model, IngestResult result)
    {
        if (result.Status != IngestStatus.Ok)
        {
            throw new InvalidOperationException($"{model}: {result.Status} {string.Join("; ", result.Errors.Select(e => $"{e.Field} {e.Message}"))}");
        }
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    private sealed class Contender(string label, string name, string kind, string? trainer)
    {
        public string Label { get; } = label;

        public string Name { get; } = name;

        /// <summary>The champion's kind as shown: "online", "lightGbm", "lbfgs".</summary>
        public string Kind { get; } = kind;

        /// <summary>The trainer to retrain with; null: keep the online champion.</summary>
        public string? Trainer { get; } = trainer;

        public string Version { get; set; } = OnlineVersion;

        public TrainingFigures? Training { get; set; }

        public List<SliceRun> Batches { get; } = [];

        public List<SliceRun> Singles { get; } = [];

        public int WarmUpMismatches { get; set; }
    }

    private sealed record TrainingFigures(double Seconds, long Rows, int HoldoutRows, double WallSeconds, string? Metric, double? Candidate, double? Champion)
    {
        public double SecondsPer10k => Rows > 0 ? Seconds / Rows * 10_000 : double.NaN;
    }

    private sealed record SliceRun(long Rows, double[] LatenciesMs, double Seconds, double CpuSeconds, int Mismatches);

    private sealed record Summary(long Rows, int Batches, double Seconds, double CpuSeconds, double P50Ms, double P99Ms)
    {
        public double RowsPerSecond => Rows / Seconds;

        public double CpuMicrosPerRow => CpuSeconds / Rows * 1e6;

        public static Summary Of(IReadOnlyList<SliceRun> slices)
        {
            var all = slices.SelectMany(s => s.LatenciesMs).Order().ToArray();
            return new Summary(slices.Sum(s => s.Rows), all.Length, slices.Sum(s => s.Seconds), slices.Sum(s => s.CpuSeconds),
                Machine.Percentile(all, 50), Machine.Percentile(all, 99));
        }

        public object Json() => new
        {
            rows = Rows,
            batches = Batches,
            seconds = Math.Round(Seconds, 3),
            rowsPerSecond = Math.Round(RowsPerSecond),
            batchesPerSecond = Math.Round(Batches / Seconds),
            p50Ms = Math.Round(P50Ms, 3),
            p99Ms = Math.Round(P99Ms, 3),
            cpuCores = Math.Round(CpuSeconds / Seconds, 2),
            cpuMicrosPerRow = Math.Round(CpuMicrosPerRow, 3),
        };
    }
}
