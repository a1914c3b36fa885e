using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using OrleansCt.Testing;

namespace OrleansCt.Benchmarks;

/// <summary>
/// The real service executable (OrleansCt.Silo.dll) in a child process with the cluster configuration
/// (ORLEANSCT_CONFIG=cluster: PostgreSQL storage, Redis membership), on free loopback ports; the connection string,
/// the Redis endpoint and the cluster and service ids come from the caller as environment overrides.
/// </summary>
public sealed class ClusterSiloChild : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;

    private ClusterSiloChild(Process process, int httpPort, ConcurrentQueue<string> output)
    {
        (_process, _output) = (process, output);
        BaseAddress = new Uri($"http://127.0.0.1:{httpPort}/");
    }

    public Uri BaseAddress { get; }

    public int Pid => _process.Id;

    public static async Task<ClusterSiloChild> StartAsync(string name, string connectionString, string redis, string clusterId)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "OrleansCt.Silo.dll");
        var folder = TestFolders.Create(name);
        var ports = FreePorts.Get(3);
        var info = new ProcessStartInfo("dotnet", [dll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        info.Environment["ORLEANSCT_CONFIG"] = "cluster";
        info.Environment["Urls"] = $"http://127.0.0.1:{ports[0]}";
        info.Environment["OrleansCt__Storage__ConnectionString"] = connectionString;
        info.Environment["OrleansCt__Cluster__Redis"] = redis;
        info.Environment["OrleansCt__Cluster__SiloPort"] = ports[1].ToString();
        info.Environment["OrleansCt__Cluster__GatewayPort"] = ports[2].ToString();
        info.Environment["OrleansCt__Cluster__ClusterId"] = clusterId;
        info.Environment["OrleansCt__Cluster__ServiceId"] = clusterId;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Logging__LogLevel__OrleansCt"] = "Warning";
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
        catch (Exception)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"The silo was not ready within {StartTimeout}:\n{string.Join('\n', log)}");
        }

        return new ClusterSiloChild(process, ports[0], log);
    }

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

    public TimeSpan CpuTime() => Machine.CpuTime(_process.Id);

    public string Tail(int lines) => string.Join('\n', _output.TakeLast(lines));

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
            }
        }
        catch (InvalidOperationException)
        {
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
