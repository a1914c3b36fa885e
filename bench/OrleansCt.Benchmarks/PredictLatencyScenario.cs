using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace OrleansCt.Benchmarks;

/// <summary>
/// "latency": single-event POST /v1/models/{model}/predict at fixed request rates, open-loop: request i is due at
/// start + i/rate whatever happened to earlier ones. The silo is the real executable in a child process; this process
/// generates the load. Latency is measured from the moment the request was due (so queueing behind a slow answer
/// counts) and, separately, from the moment it was sent. The scheduler wakes about every millisecond and sends all
/// requests due by then, so "from due" includes up to ~1 ms of timer lag.
/// </summary>
public static class PredictLatencyScenario
{
    private const int MaxInFlight = 4_000;

    public static async Task<int> RunAsync(string[] args)
    {
        var options = new BenchArgs(args);
        var seconds = options.Seconds(5, 2);
        var rates = options.Ints("--rates", [500, 1_000, 2_000, 4_000], [500, 2_000]);
        const string model = "latency-0";

        await using var silo = await SiloChild.StartAsync("bench-latency", options.Text("--sync", "full"));
        using var http = silo.Client(512);
        await silo.RegisterAsync(http, model);
        var windows = 0;
        Console.WriteLine(await JitQuiet.WarmUpAsync([silo.Pid], () => Rate(silo, http, model, $"w{windows++}-", 1_500, 2, quiet: true), options.Short ? 10 : 60));
        Console.WriteLine($"silo: child process pid {silo.Pid} (OrleansCt.Silo.dll, embedded SQLite synchronous={options.Text("--sync", "full")}); load generator: this process");
        var results = new List<object>();
        foreach (var rate in rates)
        {
            var r = await Rate(silo, http, model, $"r{rate}-", rate, seconds);
            Console.WriteLine($"{rate,5} req/s offered: {r.Completed / r.Elapsed,6:N0} req/s done; from due p50 {r.Due[0]:F2} p99 {r.Due[1]:F2} max {r.Due[2]:F2} ms; "
                + $"from send p50 {r.Sent[0]:F2} p99 {r.Sent[1]:F2} max {r.Sent[2]:F2} ms; silo {r.SiloCpu / r.Elapsed:F2} cores, load gen {r.LoadCpu / r.Elapsed:F2} cores; errors {r.Errors}, skipped {r.Skipped}");
            results.Add(new
            {
                rate,
                achieved = Math.Round(r.Completed / r.Elapsed, 1),
                p50Ms = Math.Round(r.Due[0], 3),
                p99Ms = Math.Round(r.Due[1], 3),
                maxMs = Math.Round(r.Due[2], 3),
                sendP50Ms = Math.Round(r.Sent[0], 3),
                sendP99Ms = Math.Round(r.Sent[1], 3),
                sendMaxMs = Math.Round(r.Sent[2], 3),
                siloCores = Math.Round(r.SiloCpu / r.Elapsed, 2),
                loadGeneratorCores = Math.Round(r.LoadCpu / r.Elapsed, 2),
                errors = r.Errors,
                skipped = r.Skipped,
            });
        }

        Console.WriteLine($"target p99 ≤ 5 ms at 2,000 req/s; cores {Machine.Cores} ({Machine.Cpu})");
        if (options.Json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new { scenario = "latency", seconds, silo = "child process", openLoop = true, target = new { rate = 2_000, p99Ms = 5 }, cores = Machine.Cores, cpu = Machine.Cpu, rates = results }));
        }

        return 0;
    }

    private static async Task<RateResult> Rate(SiloChild silo, HttpClient http, string model, string tag, int rate, double seconds, bool quiet = false)
    {
        var count = (int)Math.Min(rate * seconds, 200_000);
        var random = new Random(rate);
        var bodies = new byte[count][];
        var json = new StringBuilder(400);
        for (var i = 0; i < count; i++)
        {
            json.Clear().Append("{\"events\":[");
            // Stamped as sent live: request i of a rate r at i / r seconds.
            Workload.AppendEvent(json, $"{tag}{i}", Workload.Epoch + ((double)i / rate), random, label: false);
            bodies[i] = Encoding.UTF8.GetBytes(json.Append("]}").ToString());
        }

        var url = $"v1/models/{model}/predict";
        var due = new double[count];
        var sent = new double[count];
        var done = new double[count];
        var errors = 0;
        var skipped = 0;
        var inFlight = 0;
        var pending = new List<Task>(count);
        var siloThreads = Machine.Threads(silo.Pid);
        var siloCpu = silo.CpuTime();
        var ownCpu = Machine.OwnCpuTime();
        var clock = Stopwatch.StartNew();
        var next = 0;
        var limit = TimeSpan.FromSeconds(seconds + 5);
        while (next < count && clock.Elapsed < limit)
        {
            var now = clock.Elapsed.TotalMilliseconds;
            for (; next < count && next * 1000.0 / rate <= now; next++)
            {
                due[next] = next * 1000.0 / rate;
                if (Volatile.Read(ref inFlight) >= MaxInFlight)
                {
                    skipped++;
                    continue;
                }

                Interlocked.Increment(ref inFlight);
                pending.Add(Send(next));
            }

            await Task.Delay(1);
        }

        await Task.WhenAll(pending).WaitAsync(TimeSpan.FromSeconds(30));
        var elapsed = clock.Elapsed.TotalSeconds;
        if (!quiet)
        {
            Console.WriteLine($"  silo threads (CPU s in {elapsed:F1} s): {Machine.ThreadDelta(siloThreads, Machine.Threads(silo.Pid))}");
        }
        var finished = Enumerable.Range(0, count).Where(i => done[i] > 0).ToArray();
        return new RateResult(finished.Length, errors, skipped, elapsed,
            Stats(finished.Select(i => done[i] - due[i])), Stats(finished.Select(i => done[i] - sent[i])),
            (silo.CpuTime() - siloCpu).TotalSeconds, (Machine.OwnCpuTime() - ownCpu).TotalSeconds);

        async Task Send(int i)
        {
            try
            {
                sent[i] = clock.Elapsed.TotalMilliseconds;
                using var content = new ByteArrayContent(bodies[i]);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await http.PostAsync(url, content);
                await response.Content.ReadAsByteArrayAsync();
                if (response.IsSuccessStatusCode)
                {
                    done[i] = clock.Elapsed.TotalMilliseconds;
                }
                else
                {
                    Interlocked.Increment(ref errors);
                }
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref errors);
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
            }
        }
    }

    private static double[] Stats(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return [Machine.Percentile(sorted, 50), Machine.Percentile(sorted, 99), sorted.Length == 0 ? double.NaN : sorted[^1]];
    }

    private sealed record RateResult(int Completed, int Errors, int Skipped, double Elapsed, double[] Due, double[] Sent, double SiloCpu, double LoadCpu);
}
