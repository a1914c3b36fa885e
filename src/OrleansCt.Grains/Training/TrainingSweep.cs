using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansCt.Abstractions.Training;
using OrleansCt.Storage.Catalog;

namespace OrleansCt.Grains.Training;

/// <summary>
/// The silo's start-up sweep (DESIGN.md, "Grains"): activates every model's coordinator, which takes up a retrain a crash
/// interrupted and has the registry drive a half-done alias move to its end — so nothing waits for a user's next request.
/// </summary>
public static class TrainingSweep
{
    public static async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var grains = services.GetRequiredService<IGrainFactory>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TrainingSweep));
        foreach (var entry in await services.GetRequiredService<IModelCatalog>().ListAsync(cancellationToken))
        {
            try
            {
                await grains.GetGrain<ICoordinatorGrain>(entry.Model).Resume();
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                // One model's trouble must not keep the others' retrains waiting.
                logger.LogWarning(e, "The start-up sweep could not resume the coordinator of model {Model}", entry.Model);
            }
        }
    }
}
