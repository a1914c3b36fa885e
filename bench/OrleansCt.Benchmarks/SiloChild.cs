using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using OrleansCt.Testing;

namespace OrleansCt.Benchmarks;

/// <summary>
/// The real service executable (OrleansCt.Silo.dll, as shipped: silo-config/embedded.json; SQLite synchronous=full unless asked otherwise)
/// in a child process on free loopback ports and a fresh data folder; this process is the load generator.
/// </summary>
public sealed class SiloChild : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;

    private SiloChild(Process process, int httpPort, ConcurrentQueue<string> output)
    {
        (_process, _output) = (process, output);
        BaseAddress = new Uri($"http://127.0.0.1:{httpPort}/");
    }

    public Uri BaseAddress { get; }

    public int Pid => _process.Id;

    public static async Task<SiloChild> StartAsync(string name, string synchronous = "full")
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "OrleansCt.Silo.dll");
        var dataPath = TestFolders.Create(name);
        var ports = FreePorts.Get(3);
        var info = new ProcessStartInfo("dotnet", [dll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dataPath,
        };
        info.Environment["Urls"] = $"http://127.0.0.1:{ports[0]}";
        info.Environment["OrleansCt__Storage__DataPath"] = dataPath;
        info.Environment["OrleansCt__Cluster__SiloPort"] = ports[1].ToString();
        info.Environment["OrleansCt__Cluster__GatewayPort"] = ports[2].ToString();
        info.Environment["OrleansCt__Cluster__ClusterId"] = $"{name}-{ports[0]}";
        info.Environment["OrleansCt__Cluster__ServiceId"] = $"{name}-{ports[0]}";
        info.Environment["OrleansCt__Storage__SqliteSynchronous"] = synchronous;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {dll}.");
        var log = new ConcurrentQueue<string>();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                ready.TrySetException(new InvalidOperationException($"The silo exited before it was ready:\n{string.Join('\n', log)}"));
                return;
            }

            Keep(log, e.Data);
            if (e.Data.StartsWith("OrleansCt ready", StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Keep(log, e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await ready.Task.WaitAsync(StartTimeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The silo printed no 'OrleansCt ready' line within {StartTimeout}:\n{string.Join('\n', log)}");
        }

        return new SiloChild(process, ports[0], log);
    }

    /// <summary>An HTTP client for the load: HTTP/1.1, up to <paramref name="connections"/> pooled loopback connections.</summary>
    public HttpClient Client(int connections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        AutomaticDecompression = DecompressionMethods.None,
        UseProxy = false,
    })
    {
        BaseAddress = BaseAddress,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public async Task RegisterAsync(HttpClient http, string model)
    {
        using var content = new StringContent(Workload.DefinitionJson(), Encoding.UTF8, "application/json");
        using var response = await http.PutAsync($"v1/models/{model}", content);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"PUT {model}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    public TimeSpan CpuTime() => Machine.CpuTime(_process.Id);

    public string Tail(int lines) => string.Join('\n', _output.TakeLast(lines));

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
        }

        _process.Dispose();
    }

    private static void Keep(ConcurrentQueue<string> log, string line)
    {
        log.Enqueue(line);
        while (log.Count > 200 && log.TryDequeue(out _))
        {
        }
    }
}
