using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Serialization;
using OrleansCt.Abstractions.Alerts;
using OrleansCt.Abstractions.Serialization;
using OrleansCt.Grains;
using OrleansCt.Grains.Training;
using OrleansCt.Storage;
using StackExchange.Redis;

namespace OrleansCt.Hosting.Configuration;

/// <summary>Composes a silo from the "OrleansCt" configuration section: clustering, storage and grains.</summary>
public static class SiloBuilderExtensions
{
    public const string Section = "OrleansCt";

    public static ISiloBuilder AddOrleansCt(this ISiloBuilder silo, IConfiguration configuration, bool clustering = true)
    {
        var section = configuration.GetSection(Section);
        var storage = section.GetSection("Storage").Get<StorageOptions>() ?? new StorageOptions();
        silo.Services.AddOrleansCtStorage(storage);
        silo.Services.AddOrleansCtGrains(options => section.GetSection("Model").Bind(options));
        silo.Services.Configure<TrainingOptions>(section.GetSection("Training"));
        silo.Services.AddSerializer(serializer => serializer.AddContracts());

        // Not awaited by the start-up: a silo with many models serves while their coordinators wake.
        silo.AddStartupTask((services, ct) =>
        {
            _ = Task.Run(() => TrainingSweep.RunAsync(services, ct), ct);
            return Task.CompletedTask;
        });

        // Alert changes are published on a memory stream; its subscriptions live in the grain storage ("PubSubStore").
        silo.AddMemoryStreams(AlertNotice.Provider);
        if (clustering)
        {
            silo.UseCluster(section.GetSection("Cluster").Get<ClusterSettings>() ?? new ClusterSettings());
        }

        return silo;
    }

    private static void UseCluster(this ISiloBuilder silo, ClusterSettings cluster)
    {
        switch (cluster.Kind.ToLowerInvariant())
        {
            case "localhost":
                silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
                silo.UseInMemoryReminderService();
                break;
            case "redis":
                var redis = cluster.Redis ?? throw new InvalidOperationException(
                    "OrleansCt:Cluster:Redis is required when OrleansCt:Cluster:Kind is 'redis' (e.g. 127.0.0.1:6379).");
                silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (cluster.ClusterId, cluster.ServiceId));
                silo.ConfigureEndpoints(IPAddress.Parse(cluster.AdvertisedIp ?? "127.0.0.1"), cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: cluster.AdvertisedIp is not null);
                silo.UseRedisClustering(redis);
                silo.UseRedisReminderService(o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis));
                break;
            default:
                throw new InvalidOperationException($"OrleansCt:Cluster:Kind '{cluster.Kind}' is unknown; use 'localhost' or 'redis'.");
        }
    }
}
