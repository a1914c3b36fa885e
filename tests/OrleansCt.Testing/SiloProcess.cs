using System.Collections.Concurrent;
using System.Diagnostics;

namespace OrleansCt.Testing;

/// <summary>
/// The real service executable (OrleansCt.Silo.dll, next to the calling assembly) in a child process on the given
/// ports and data folder, with environment overrides; ready once it prints "OrleansCt ready". Tests kill it with
/// SIGKILL and start it again; benchmarks load it from another process.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private const int KeptLines = 2_000;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;

    private SiloProcess(Process process, int httpPort, ConcurrentQueue<string> output)
    {
        (_process, _output) = (process, output);
        BaseAddress = new Uri($"http://127.0.0.1:{httpPort}/");
        Http = new HttpClient { BaseAddress = BaseAddress };
    }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public int Pid => _process.Id;

    /// <summary>The last lines the process printed (stdout and stderr).</summary>
    public IReadOnlyCollection<string> Output => _output;

    /// <param name="ports">HTTP, silo and gateway ports.</param>
    public static async Task<SiloProcess> StartAsync(string dataPath, int[] ports, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? startTimeout = null)
    {
        var timeout = startTimeout ?? TimeSpan.FromSeconds(60);
        var dll = Path.Combine(AppContext.BaseDirectory, "OrleansCt.Silo.dll");
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
        info.Environment["OrleansCt__Cluster__ClusterId"] = $"silo-{ports[0]}";
        info.Environment["OrleansCt__Cluster__ServiceId"] = $"silo-{ports[0]}";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {dll}.");
        var output = new ConcurrentQueue<string>();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                ready.TrySetException(new InvalidOperationException($"The silo exited before it was ready:\n{string.Join('\n', output)}"));
                return;
            }

            Keep(output, e.Data);
            if (e.Data.StartsWith("OrleansCt ready", StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Keep(output, e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await ready.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The silo printed no 'OrleansCt ready' line within {timeout}:\n{string.Join('\n', output)}");
        }

        return new SiloProcess(process, ports[0], output);
    }

    /// <summary>SIGKILL: no shutdown code runs, nothing is flushed.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await KillAsync().WaitAsync(TimeSpan.FromSeconds(20));
        _process.Dispose();
    }

    private static void Keep(ConcurrentQueue<string> output, string line)
    {
        output.Enqueue(line);
        while (output.Count > KeptLines && output.TryDequeue(out _))
        {
        }
    }
}
