using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansCt.Grains.Alerts;
using OrleansCt.Grains.Log;
using OrleansCt.Grains.Model;
using OrleansCt.Grains.Serving;
using OrleansCt.Grains.Training;
using Microsoft.Extensions.Options;

namespace OrleansCt.Grains;

/// <summary>Registers what the grains need besides storage.</summary>
public static class GrainsServiceCollectionExtensions
{
    public static IServiceCollection AddOrleansCtGrains(this IServiceCollection services, Action<ModelGrainOptions>? configure = null)
    {
        services.TryAddKeyedSingleton(Clock.Key, TimeProvider.System);
        services.AddSingleton<LogCodec>();
        services.AddSingleton<SnapshotFactory>();
        services.AddSingleton<ChampionModels>();
        services.AddSingleton(sp => new TrainingQueue(sp.GetRequiredKeyedService<TimeProvider>(Clock.Key), sp.GetRequiredService<IOptions<TrainingOptions>>().Value.Slots));
        services.AddSingleton<RetrainWork>();
        services.AddOptions<TrainingOptions>();
        services.AddHttpClient(AlertGrain.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan);
        var options = services.AddOptions<ModelGrainOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return services;
    }
}
