using System.Diagnostics;
using OrleansCt.Testing;

namespace OrleansCt.Hosting.Tests.Infrastructure;

/// <summary>
/// The real service executable (OrleansCt.Silo.dll) in a child process, on its own ports and data folder, so a test
/// can kill it with SIGKILL and start it again.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output;

    private SiloProcess(Process process, int httpPort, System.Collections.Concurrent.ConcurrentQueue<string> output)
    {
        (_process, _output) = (process, output);
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}/") };
    }

    public HttpClient Http { get; }

    /// <summary>What the process has printed so far (stdout and stderr).</summary>
    public IReadOnlyCollection<string> Output => _output;

    public static async Task<SiloProcess> StartAsync(string dataPath, int[] ports, IReadOnlyDictionary<string, string>? environment = null)
    {
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
        info.Environment["OrleansCt__Cluster__ClusterId"] = $"kill-{ports[0]}";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {dll}.");
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                ready.TrySetException(new InvalidOperationException($"The silo exited before it was ready:\n{string.Join('\n', log)}"));
                return;
            }

            log.Enqueue(e.Data);
            if (e.Data.StartsWith("OrleansCt ready", StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { log.Enqueue(e.Data); } };
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

        return new SiloProcess(process, ports[0], log);
    }

    /// <summary>SIGKILL: no shutdown code runs, nothing is flushed.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }
}
