using Npgsql;

namespace OrleansCt.Testing;

/// <summary>A throwaway PostgreSQL server from the local binaries, in its own folder under /tmp, on a free port.</summary>
public sealed class PostgresTestServer : IAsyncDisposable
{
    private const string FolderPrefix = "orleansct-pg-";
    private const string ServiceUser = "postgres";
    private static readonly TimeSpan s_toolTimeout = TimeSpan.FromSeconds(60);

    private readonly string _bin;
    private readonly string _root;
    private readonly string? _runAs;
    private readonly int _port;

    private PostgresTestServer(string bin, string root, string? runAs, int port)
    {
        _bin = bin;
        _root = root;
        _runAs = runAs;
        _port = port;
    }

    public string AdminConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = _port,
        Username = ServiceUser,
        Database = "postgres",
    }.ToString();

    private string DataFolder => Path.Combine(_root, "data");

    private string ServerOptions =>
        $"-p {_port} -k {_root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300";

    private string PgCtl => Path.Combine(_bin, "pg_ctl");

    public static async Task<PostgresTestServer> StartAsync()
    {
        var bin = FindBinaries() ?? throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, pg_ctl) were not found in /usr/lib/postgresql/*/bin or on PATH. " +
            "Install them with `apt-get install -y postgresql`, or set ORLEANSCT_TEST_POSTGRES to an Npgsql connection string " +
            "of a running server whose user may CREATE DATABASE.");

        // initdb refuses to run as root; the server then runs as the postgres user.
        var runAs = Environment.IsPrivilegedProcess ? ServiceUser : null;
        await StopLeftoversAsync(bin, runAs).ConfigureAwait(false);

        // Directly under /tmp: every parent folder must be o+x for the postgres user to reach it.
        var root = Path.Combine("/tmp", $"{FolderPrefix}{Environment.ProcessId}-{Guid.NewGuid():N}"[..^24]);
        Directory.CreateDirectory(root);
        if (runAs is not null)
        {
            await CommandLine.RunAsync("chown", [$"{runAs}:{runAs}", root], null, s_toolTimeout).ConfigureAwait(false);
        }

        var server = new PostgresTestServer(bin, root, runAs, FreePorts.Get(1)[0]);
        server.StopWhenProcessEnds();
        try
        {
            await server.InitAndStartAsync().ConfigureAwait(false);
        }
        catch
        {
            await server.StopAsync().ConfigureAwait(false);
            throw;
        }

        return server;
    }

    private static string? FindBinaries()
    {
        static bool HasTools(string folder) => File.Exists(Path.Combine(folder, "initdb")) && File.Exists(Path.Combine(folder, "pg_ctl"));

        const string Debian = "/usr/lib/postgresql";
        if (Directory.Exists(Debian))
        {
            var newest = Directory.GetDirectories(Debian)
                .OrderByDescending(folder => int.TryParse(Path.GetFileName(folder), out var version) ? version : -1)
                .Select(folder => Path.Combine(folder, "bin"))
                .FirstOrDefault(HasTools);
            if (newest is not null)
            {
                return newest;
            }
        }

        // initdb on PATH is often a symbolic link into the real bin folder, which is where pg_ctl is too.
        var initdb = CommandLine.FindOnPath("initdb");
        var target = initdb is null ? null : new FileInfo(initdb).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? initdb;
        return target is not null && Path.GetDirectoryName(target) is { } folder && HasTools(folder) ? folder : null;
    }

    // A test process that was killed before its watchdog ran (a machine restart) left a folder, perhaps a server too.
    private static async Task StopLeftoversAsync(string bin, string? runAs)
    {
        foreach (var folder in Directory.GetDirectories("/tmp", FolderPrefix + "*"))
        {
            var owner = Path.GetFileName(folder)[FolderPrefix.Length..].Split('-')[0];
            if (!int.TryParse(owner, out var pid) || TestFolders.ProcessAlive(pid))
            {
                continue;
            }

            var data = Path.Combine(folder, "data");
            if (File.Exists(Path.Combine(data, "postmaster.pid")))
            {
                try
                {
                    await CommandLine.RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "stop"], runAs, s_toolTimeout).ConfigureAwait(false);
                }
                catch (InvalidOperationException)
                {
                    // Already stopped: only the folder is left.
                }
            }

            TestFolders.TryDelete(folder);
        }
    }

    private void StopWhenProcessEnds()
    {
        var asUser = _runAs is null ? string.Empty : $"runuser -u {_runAs} -- ";
        ExitWatchdog.Arm(
            $"[ -f {ExitWatchdog.Quote(Path.Combine(DataFolder, "postmaster.pid"))} ] && {asUser}{ExitWatchdog.Quote(PgCtl)} -D {ExitWatchdog.Quote(DataFolder)} -m immediate stop; " +
            $"rm -rf {ExitWatchdog.Quote(_root)}");
    }

    /// <summary>Stops the server (fast shutdown: connections are cut) and keeps its data, as an operator or a crash would.</summary>
    public Task StopServerAsync() =>
        CommandLine.RunAsync(PgCtl, ["-D", DataFolder, "-m", "fast", "-w", "stop"], _runAs, s_toolTimeout);

    /// <summary>Starts the stopped server again on the same folder and port.</summary>
    public async Task StartServerAsync()
    {
        var log = Path.Combine(_root, "server.log");
        try
        {
            // -w: pg_ctl itself waits (bounded by -t) until the server accepts connections.
            await CommandLine.RunAsync(PgCtl, ["-D", DataFolder, "-l", log, "-o", ServerOptions, "-w", "-t", "60", "start"], _runAs, s_toolTimeout)
                .ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is InvalidOperationException or TimeoutException)
        {
            throw new InvalidOperationException(
                $"The test PostgreSQL server did not start on port {_port}. Its log:\n{(File.Exists(log) ? File.ReadAllText(log) : "(none)")}",
                exception);
        }
    }

    /// <summary>Stops the server and deletes its folder.</summary>
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private async Task StopAsync()
    {
        if (File.Exists(Path.Combine(DataFolder, "postmaster.pid")))
        {
            try
            {
                await CommandLine.RunAsync(PgCtl, ["-D", DataFolder, "-m", "immediate", "stop"], _runAs, s_toolTimeout).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is InvalidOperationException or TimeoutException)
            {
                // Only reached when start failed; the start error is the one worth reporting.
            }
        }

        TestFolders.TryDelete(_root);
    }

    private async Task InitAndStartAsync()
    {
        // Trust authentication on 127.0.0.1 and a socket in our own folder: nothing outside this machine can reach it.
        await CommandLine.RunAsync(
            Path.Combine(_bin, "initdb"),
            ["-D", DataFolder, "-U", ServiceUser, "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync"],
            _runAs,
            s_toolTimeout).ConfigureAwait(false);

        // fsync off: the data is thrown away at exit, and tests must not wait on the disk.
        await StartServerAsync().ConfigureAwait(false);
    }
}
