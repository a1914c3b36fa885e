using OrleansCt.Abstractions.Models;
using OrleansCt.Core.Monitoring;

namespace OrleansCt.Grains.Model;

public sealed partial class ModelGrain
{
    public async Task<StatsResult> GetStats(string window)
    {
        await _pipeline.EnsureAppliedAsync();
        if (_applier.Schema is not { } schema)
        {
            return new StatsResult(ReadStatus.NotFound, [], null);
        }

        if (!WindowSpec.TryParse(window, out var spec, out var error))
        {
            return new StatsResult(ReadStatus.Invalid, [error!], null);
        }

        var report = StatsReport.Build(Model, schema, _applier.Monitor!, spec, _applier.UnmatchedLabels);
        return new StatsResult(ReadStatus.Ok, [], report);
    }
}
