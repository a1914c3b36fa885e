using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansCt.Hosting;
using OrleansCt.Testing;

namespace OrleansCt.Benchmarks;

/// <summary>
/// A whole OrleansCt silo in this process, composed exactly as the executable composes it (AddOrleansCt/MapOrleansCt):
/// embedded SQLite in a fresh temporary folder, localhost clustering, free loopback ports, real time.
/// </summary>
public sealed class InProcessSilo : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InProcessSilo(WebApplication app, string dataPath) => (_app, DataPath) = (app, dataPath);

    public string DataPath { get; }

    public IGrainFactory Grains => _app.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => _app.Services;

    public static async Task<InProcessSilo> StartAsync(string name, IDictionary<string, string?>? overrides = null)
    {
        var ports = FreePorts.Get(3);
        var dataPath = TestFolders.Create(name);
        var settings = new Dictionary<string, string?>
        {
            ["Urls"] = $"http://127.0.0.1:{ports[0]}",
            ["OrleansCt:Storage:Kind"] = "sqlite",
            ["OrleansCt:Storage:DataPath"] = dataPath,
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

        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddOrleansCt();
        var app = builder.Build();
        app.MapOrleansCt();
        await app.StartAsync();
        return new InProcessSilo(app, dataPath);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
