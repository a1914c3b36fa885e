using System.Net;
using System.Text;
using OrleansCt.Testing;

namespace OrleansCt.Benchmarks;

/// <summary>
/// The real service executable in a child process (OrleansCt.Testing's SiloProcess) for the load generated here:
/// embedded (silo-config/embedded.json, SQLite synchronous=full unless asked otherwise) or the cluster setup
/// (ORLEANSCT_CONFIG=cluster: PostgreSQL storage and Redis membership given by the caller).
/// </summary>
public sealed class SiloChild : IAsyncDisposable
{
    private readonly SiloProcess _process;

    private SiloChild(SiloProcess process) => _process = process;

    public Uri BaseAddress => _process.BaseAddress;

    public int Pid => _process.Pid;

    public static async Task<SiloChild> StartAsync(string name, string synchronous = "full")
    {
        var ports = FreePorts.Get(3);
        return new SiloChild(await SiloProcess.StartAsync(TestFolders.Create(name), ports, new Dictionary<string, string>
        {
            ["OrleansCt__Cluster__ClusterId"] = $"{name}-{ports[0]}",
            ["OrleansCt__Cluster__ServiceId"] = $"{name}-{ports[0]}",
            ["OrleansCt__Storage__SqliteSynchronous"] = synchronous,
        }));
    }

    public static async Task<SiloChild> StartClusterAsync(string name, string connectionString, string redis, string clusterId) =>
        new(await SiloProcess.StartAsync(TestFolders.Create(name), FreePorts.Get(3), new Dictionary<string, string>
        {
            ["ORLEANSCT_CONFIG"] = "cluster",
            ["OrleansCt__Storage__ConnectionString"] = connectionString,
            ["OrleansCt__Cluster__Redis"] = redis,
            ["OrleansCt__Cluster__ClusterId"] = clusterId,
            ["OrleansCt__Cluster__ServiceId"] = clusterId,
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__OrleansCt"] = "Warning",
        }, TimeSpan.FromSeconds(90)));

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

    public TimeSpan CpuTime() => Machine.CpuTime(_process.Pid);

    public string Tail(int lines) => string.Join('\n', _process.Output.TakeLast(lines));

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
