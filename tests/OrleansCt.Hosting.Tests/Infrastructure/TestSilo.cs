using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using OrleansCt.Hosting;
using OrleansCt.Testing;

namespace OrleansCt.Hosting.Tests.Infrastructure;

/// <summary>
/// A whole OrleansCt silo in this process — HTTP API, Orleans with localhost clustering, SQLite in its own folder,
/// fake time — on ports of its own. Stopping and starting it again on the same folder is a restart.
/// </summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly WebApplication _app;

    private readonly Action<IServiceCollection>? _services;

    private TestSilo(WebApplication app, string dataPath, int httpPort, FakeTimeProvider time, Dictionary<string, string?> settings, Action<IServiceCollection>? services)
    {
        (_app, DataPath, HttpPort, Time, Settings, _services) = (app, dataPath, httpPort, time, settings, services);
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}/") };
    }

    public string DataPath { get; }

    public int HttpPort { get; }

    public FakeTimeProvider Time { get; }

    public HttpClient Http { get; }

    public IGrainFactory Grains => _app.Services.GetRequiredService<IGrainFactory>();

    /// <summary>The silo's services (its storage, to break it on purpose).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>The silo's co-hosted client (streams, grains).</summary>
    public IClusterClient Client => _app.Services.GetRequiredService<IClusterClient>();

    private Dictionary<string, string?> Settings { get; }

    /// <param name="services">Changes to the silo's services after OrleansCt's own (e.g. a decorated event log); kept for restarts.</param>
    public static Task<TestSilo> StartAsync(string name, IDictionary<string, string?>? overrides = null, FakeTimeProvider? time = null, Action<IServiceCollection>? services = null)
    {
        var ports = FreePorts.Get(3);
        var settings = new Dictionary<string, string?>
        {
            ["Urls"] = $"http://127.0.0.1:{ports[0]}",
            ["OrleansCt:Storage:Kind"] = "sqlite",
            ["OrleansCt:Storage:DataPath"] = TestFolders.Create(name),
            ["OrleansCt:Cluster:Kind"] = "localhost",
            ["OrleansCt:Cluster:SiloPort"] = ports[1].ToString(),
            ["OrleansCt:Cluster:GatewayPort"] = ports[2].ToString(),
            ["OrleansCt:Cluster:ClusterId"] = name,
            ["OrleansCt:Cluster:ServiceId"] = name,
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return StartAsync(settings, time ?? new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)), services);
    }

    /// <summary>Stops this silo and starts a new one on the same folder and ports: a clean restart.</summary>
    public async Task<TestSilo> RestartAsync()
    {
        await DisposeAsync();
        return await StartAsync(Settings, Time, _services);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task<TestSilo> StartAsync(Dictionary<string, string?> settings, FakeTimeProvider time, Action<IServiceCollection>? services)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddKeyedSingleton<TimeProvider>(OrleansCt.Grains.Clock.Key, time);
        builder.AddOrleansCt();
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapOrleansCt();
        await app.StartAsync();
        return new TestSilo(app, settings["OrleansCt:Storage:DataPath"]!, int.Parse(settings["Urls"]![(settings["Urls"]!.LastIndexOf(':') + 1)..]), time, settings, services);
    }
}
