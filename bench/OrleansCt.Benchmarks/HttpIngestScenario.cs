using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace OrleansCt.Benchmarks;

/// <summary>
/// "http": JSON batches of 1,000 labelled events POSTed to /v1/models/{model}/events over loopback HTTP/1.1.
/// The silo is the real executable in a child process; this process is the closed-loop load generator
/// (C requests in flight, each loop sends its next batch when the previous one is answered), spread over 4 models.
/// </summary>
public static class HttpIngestScenario
{
    private const int BatchEvents = 1_000;

    public static async Task<int> RunAsync(string[] args)
    {
        var options = new BenchArgs(args);
        var seconds = options.Seconds(10, 2);
        var levels = options.Ints("--concurrency", [1, 2, 4, 8, 16], [1, 4, 8]);
        var models = options.Int("--models", 4);
        var names = Enumerable.Range(0, models).Select(m => $"http-{m}").ToArray();

        await using var silo = await SiloChild.StartAsync("bench-http", options.Text("--sync", "full"));
        using var http = silo.Client(levels.Max() + 4);
        foreach (var name in names)
        {
            await silo.RegisterAsync(http, name);
        }

        var bodies = Enumerable.Range(0, levels.Max()).Select(c => new BatchBody($"h{c}-", BatchEvents, seed: c)).ToArray();
        var next = new long[bodies.Length];
        Console.WriteLine(await JitQuiet.WarmUpAsync([silo.Pid], () => Level(silo, http, names, bodies, next, Math.Min(levels.Max(), 4), 2, quiet: true), options.Short ? 10 : 60));
        var results = new List<object>();
        Console.WriteLine($"silo: child process pid {silo.Pid} (OrleansCt.Silo.dll, embedded SQLite synchronous={options.Text("--sync", "full")}); load generator: this process; batch body {bodies[0].Bytes.Length / 1024.0:F0} KB");
        foreach (var concurrency in levels)
        {
            var r = await Level(silo, http, names, bodies, next, concurrency, seconds);
            Console.WriteLine($"concurrency {concurrency,3}: {r.Requests / r.Elapsed,7:N0} req/s {r.Requests * BatchEvents / r.Elapsed,10:N0} events/s  "
                + $"p50 {r.P50Ms,6:F1} ms p99 {r.P99Ms,6:F1} ms  silo {r.SiloCpu / r.Elapsed:F2} cores, load generator {r.LoadCpu / r.Elapsed:F2} cores, errors {r.Errors}");
            results.Add(new
            {
                concurrency,
                requestsPerSecond = Math.Round(r.Requests / r.Elapsed, 1),
                eventsPerSecond = Math.Round(r.Requests * BatchEvents / r.Elapsed),
                p50Ms = Math.Round(r.P50Ms, 2),
                p99Ms = Math.Round(r.P99Ms, 2),
                siloCores = Math.Round(r.SiloCpu / r.Elapsed, 2),
                loadGeneratorCores = Math.Round(r.LoadCpu / r.Elapsed, 2),
                siloCpuMicrosPerEvent = Math.Round(r.SiloCpu / (r.Requests * (double)BatchEvents) * 1e6, 3),
                errors = r.Errors,
            });
        }

        Console.WriteLine($"target 200,000 events/s; cores {Machine.Cores} ({Machine.Cpu})");
        if (options.Json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new { scenario = "http", batchEvents = BatchEvents, models, seconds, silo = "child process", target = 200_000, cores = Machine.Cores, cpu = Machine.Cpu, levels = results }));
        }

        return 0;
    }

    private static async Task<Level> Level(SiloChild silo, HttpClient http, string[] names, BatchBody[] bodies, long[] next, int concurrency, double seconds, bool quiet = false)
    {
        var deadline = TimeSpan.FromSeconds(seconds);
        var latencies = new List<double>[concurrency];
        var errors = 0;
        var siloThreads = Machine.Threads(silo.Pid);
        var siloCpu = silo.CpuTime();
        var ownCpu = Machine.OwnCpuTime();
        var clock = Stopwatch.StartNew();
        var loops = Enumerable.Range(0, concurrency).Select(c => Task.Run(async () =>
        {
            var mine = latencies[c] = new List<double>(1024);
            var body = bodies[c];
            var url = $"v1/models/{names[c % names.Length]}/events";
            for (var sent = 0; clock.Elapsed < deadline && sent < 1_000_000; sent++)
            {
                var (milliseconds, failure) = await BatchPoster.PostAsync(http, url, body, next[c]++, clock);
                if (milliseconds is null)
                {
                    if (Interlocked.Increment(ref errors) > 10)
                    {
                        throw new InvalidOperationException($"{failure}\n{silo.Tail(20)}");
                    }

                    continue;
                }

                mine.Add(milliseconds.Value);
            }
        })).ToArray();
        await Task.WhenAll(loops);
        var elapsed = clock.Elapsed.TotalSeconds;
        if (!quiet)
        {
            Console.WriteLine($"  silo threads (CPU s in {elapsed:F1} s): {Machine.ThreadDelta(siloThreads, Machine.Threads(silo.Pid))}");
        }

        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new Level(all.Length, errors, elapsed, (silo.CpuTime() - siloCpu).TotalSeconds, (Machine.OwnCpuTime() - ownCpu).TotalSeconds,
            Machine.Percentile(all, 50), Machine.Percentile(all, 99));
    }
}

internal sealed record Level(int Requests, int Errors, double Elapsed, double SiloCpu, double LoadCpu, double P50Ms, double P99Ms);
