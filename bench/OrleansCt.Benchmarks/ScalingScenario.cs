using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using OrleansCt.Testing;

namespace OrleansCt.Benchmarks;

/// <summary>
/// "scaling": the cluster setup (PostgreSQL for storage, Redis for membership; both real servers started by TestServers)
/// with 1, 2 and 3 silo processes (the real OrleansCt.Silo.dll, ORLEANSCT_CONFIG=cluster) on this machine. Closed-loop HTTP
/// load — JSON batches of 1,000 labelled events — spread over 100 models and round-robin over every silo's HTTP port.
/// Each silo count gets a fresh database and fresh cluster/service ids. --short: 1 and 2 silos, a few seconds each.
/// </summary>
public static class ScalingScenario
{
    private const int BatchEvents = 1_000;

    public static async Task<int> RunAsync(string[] args)
    {
        var options = new BenchArgs(args);
        var counts = options.Ints("--silos", [1, 2, 3], [1, 2]);
        var seconds = options.Seconds(10, 3);
        var concurrency = options.Int("--concurrency", 8);
        var models = options.Int("--models", 100);
        var names = Enumerable.Range(0, models).Select(m => $"scale-{m:D3}").ToArray();
        var run = $"{DateTime.UtcNow:HHmmss}{Environment.ProcessId}";

        await using var redis = await TestServers.StartRedisAsync();
        Console.WriteLine($"Redis {redis.Endpoint}; PostgreSQL from TestServers (a fresh database per silo count); {models} models, "
            + $"{concurrency} requests in flight, batches of {BatchEvents} labelled events, {seconds:F0} s per silo count");
        var results = new List<object>();
        foreach (var count in counts)
        {
            var connection = await TestServers.CreatePostgresDatabaseAsync($"scaling{count}");
            var clusterId = $"bench-scaling-{run}-{count}";
            var silos = new List<SiloChild>();
            var clients = new List<HttpClient>();
            try
            {
                var startClock = Stopwatch.StartNew();
                for (var i = 0; i < count; i++)
                {
                    silos.Add(await SiloChild.StartClusterAsync($"bench-scaling-{count}-{i}", connection, redis.Endpoint, clusterId));
                }

                var startSeconds = startClock.Elapsed.TotalSeconds;
                clients.AddRange(silos.Select(s => s.Client(concurrency + 4)));
                var registerClock = Stopwatch.StartNew();
                await Parallel.ForEachAsync(Enumerable.Range(0, models), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (m, _) =>
                    await RegisterAsync(clients[m % clients.Count], names[m]));
                var registerSeconds = registerClock.Elapsed.TotalSeconds;

                var bodies = Enumerable.Range(0, concurrency).Select(c => new BatchBody($"s{count}c{c}-", BatchEvents, seed: c)).ToArray();
                var next = new long[concurrency];
                var warm = await JitQuiet.WarmUpAsync(silos.Select(s => s.Pid).ToArray(), () => Load(silos, clients, names, bodies, next, 2), options.Short ? 12 : 60);
                var r = await Load(silos, clients, names, bodies, next, seconds);
                var rate = r.Requests * (double)BatchEvents / r.Elapsed;
                Console.WriteLine($"{count} silo{(count > 1 ? "s" : " ")}: {rate,9:N0} events/s ({r.Requests / r.Elapsed:N1} req/s), p50 {r.P50Ms:F0} ms p99 {r.P99Ms:F0} ms, "
                    + $"silos {r.SiloCores:F2} cores [{string.Join(", ", r.PerSiloCores.Select(c => c.ToString("F2")))}], load generator {r.LoadCores:F2} cores, whole machine {r.MachineCores:F2} of {Machine.Cores} cores busy, "
                    + $"errors {r.Errors}; started in {startSeconds:F1} s, {models} models registered in {registerSeconds:F1} s; {warm}");
                results.Add(new
                {
                    silos = count,
                    eventsPerSecond = Math.Round(rate),
                    requestsPerSecond = Math.Round(r.Requests / r.Elapsed, 1),
                    p50Ms = Math.Round(r.P50Ms, 1),
                    p99Ms = Math.Round(r.P99Ms, 1),
                    siloCores = Math.Round(r.SiloCores, 2),
                    perSiloCores = r.PerSiloCores.Select(c => Math.Round(c, 2)).ToArray(),
                    loadGeneratorCores = Math.Round(r.LoadCores, 2),
                    machineBusyCores = Math.Round(r.MachineCores, 2),
                    siloCpuMicrosPerEvent = Math.Round(r.SiloCores / rate * 1e6, 2),
                    errors = r.Errors,
                    startSeconds = Math.Round(startSeconds, 1),
                });
            }
            catch
            {
                foreach (var silo in silos)
                {
                    Console.Error.WriteLine($"--- silo {silo.BaseAddress} (last 60 lines of its output)\n{silo.Tail(60)}");
                }

                throw;
            }
            finally
            {
                foreach (var client in clients)
                {
                    client.Dispose();
                }

                foreach (var silo in silos)
                {
                    await silo.DisposeAsync();
                }
            }
        }

        Console.WriteLine($"cores {Machine.Cores} ({Machine.Cpu}); every process (silos, PostgreSQL, Redis, load generator) shares them");
        if (options.Json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new { scenario = "scaling", batchEvents = BatchEvents, models, concurrency, seconds, cores = Machine.Cores, cpu = Machine.Cpu, levels = results }));
        }

        return 0;
    }

    private static async Task RegisterAsync(HttpClient http, string model)
    {
        using var content = new StringContent(Workload.DefinitionJson(), Encoding.UTF8, "application/json");
        using var response = await http.PutAsync($"v1/models/{model}", content);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"PUT {model}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static async Task<Result> Load(List<SiloChild> silos, List<HttpClient> clients, string[] names, BatchBody[] bodies, long[] next, double seconds)
    {
        var concurrency = bodies.Length;
        var deadline = TimeSpan.FromSeconds(seconds);
        var latencies = new List<double>[concurrency];
        var errors = 0;
        var siloCpu = silos.Select(s => s.CpuTime()).ToArray();
        var ownCpu = Machine.OwnCpuTime();
        var machineBefore = MachineBusySeconds();
        var clock = Stopwatch.StartNew();
        var loops = Enumerable.Range(0, concurrency).Select(c => Task.Run(async () =>
        {
            var mine = latencies[c] = new List<double>(1024);
            var body = bodies[c];
            for (var sent = 0; clock.Elapsed < deadline && sent < 100_000; sent++)
            {
                // Request k of loop c: silo (c + k) mod n, model (c + k·C) mod 100 — every loop visits every silo and model.
                var k = next[c]++;
                var http = clients[(int)((c + k) % clients.Count)];
                var url = $"v1/models/{names[(c + k * concurrency) % names.Length]}/events";
                var (milliseconds, failure) = await BatchPoster.PostAsync(http, url, body, k, clock);
                if (milliseconds is null)
                {
                    if (Interlocked.Increment(ref errors) > 10)
                    {
                        throw new InvalidOperationException(failure);
                    }

                    continue;
                }

                mine.Add(milliseconds.Value);
            }
        })).ToArray();
        await Task.WhenAll(loops);
        var elapsed = clock.Elapsed.TotalSeconds;
        var machineCores = (MachineBusySeconds() - machineBefore) / elapsed;
        var perSilo = silos.Select((s, i) => (s.CpuTime() - siloCpu[i]).TotalSeconds / elapsed).ToArray();
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new Result(all.Length, errors, elapsed, perSilo.Sum(), perSilo, (Machine.OwnCpuTime() - ownCpu).TotalSeconds / elapsed,
            machineCores, Machine.Percentile(all, 50), Machine.Percentile(all, 99));
    }

    /// <summary>CPU seconds the whole machine spent busy (all processes, incl. PostgreSQL and Redis), from /proc/stat.</summary>
    private static double MachineBusySeconds()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(f => long.Parse(f, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            // user nice system idle iowait irq softirq steal ...: busy = all but idle and iowait (guest is inside user).
            return (fields.Take(8).Sum() - fields[3] - fields[4]) / 100.0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private sealed record Result(int Requests, int Errors, double Elapsed, double SiloCores, double[] PerSiloCores, double LoadCores, double MachineCores, double P50Ms, double P99Ms);
}
