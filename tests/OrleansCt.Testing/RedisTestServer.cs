using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace OrleansCt.Testing;

/// <summary>A Redis server for one test: a throwaway redis-server process, or the server named by ORLEANSCT_TEST_REDIS.</summary>
public sealed class RedisTestServer : IAsyncDisposable
{
    private static readonly TimeSpan s_readyTimeout = TimeSpan.FromSeconds(10);
    private readonly Process? _process;

    private RedisTestServer(string endpoint, Process? process)
    {
        Endpoint = endpoint;
        _process = process;
    }

    /// <summary>"host:port", as StackExchange.Redis and the Orleans Redis providers take it.</summary>
    public string Endpoint { get; }

    /// <summary>The redis-server process itself, or null for an external server.</summary>
    public int? ProcessId => _process?.Id;

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }

    internal static RedisTestServer External(string endpoint) => new(endpoint, null);

    internal static async Task<RedisTestServer> StartAsync()
    {
        var program = CommandLine.FindOnPath("redis-server") ?? throw new InvalidOperationException(
            "redis-server was not found on PATH. Install it with `apt-get install -y redis-server`, " +
            "or set ORLEANSCT_TEST_REDIS to host:port of a running server.");
        var port = FreePorts.Get(1)[0];
        var folder = TestFolders.Create("redis");
        var log = Path.Combine(folder, "redis.log");

        // Started directly (no shell) so the Process is the server itself and Kill stops the right PID.
        var start = new ProcessStartInfo(program) { UseShellExecute = false, WorkingDirectory = folder };
        foreach (var argument in new[] { "--port", $"{port}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", folder, "--logfile", log })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var server = new RedisTestServer($"127.0.0.1:{port}", process);

        // Stopped by DisposeAsync; the watchdog covers a test that never disposed it. It checks the name so that a
        // PID reused after a normal stop is left alone.
        ExitWatchdog.Arm($"[ \"$(cat /proc/{process.Id}/comm 2>/dev/null)\" = redis-server ] && kill {process.Id}");
        try
        {
            await server.WaitUntilReadyAsync(port, log).ConfigureAwait(false);
        }
        catch
        {
            server.Stop();
            throw;
        }

        return server;
    }

    private void Stop()
    {
        if (_process is null)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private async Task WaitUntilReadyAsync(int port, string log)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"redis-server on port {port} exited with code {_process.ExitCode}. Its log:\n{ReadLog(log)}");
            }

            if (await AnswersPingAsync(port).ConfigureAwait(false))
            {
                return;
            }

            if (deadline.Elapsed > s_readyTimeout)
            {
                throw new TimeoutException($"redis-server on port {port} did not answer PING within {s_readyTimeout.TotalSeconds:0} s. Its log:\n{ReadLog(log)}");
            }

            // Bounded retry while the server starts listening; readiness itself is the PING answer above.
            await Task.Delay(20).ConfigureAwait(false);
        }
    }

    private static async Task<bool> AnswersPingAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await client.ConnectAsync("127.0.0.1", port, attempt.Token).ConfigureAwait(false);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), attempt.Token).ConfigureAwait(false);
            var reply = new byte[64];
            var read = await stream.ReadAsync(reply, attempt.Token).ConfigureAwait(false);
            return Encoding.ASCII.GetString(reply, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception exception) when (exception is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }

    private static string ReadLog(string log) => File.Exists(log) ? File.ReadAllText(log) : "(no log)";
}
