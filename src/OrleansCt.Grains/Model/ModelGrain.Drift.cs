using Microsoft.Extensions.Logging;
using OrleansCt.Abstractions.Drift;
using OrleansCt.Abstractions.Models;
using OrleansCt.Core.Drift.Windows;
using OrleansCt.Core.Schema;

namespace OrleansCt.Grains.Model;

public sealed partial class ModelGrain
{
    private Task<bool> _feeding = Task.FromResult(true);

    /// <summary>Starts sending the monitor's outbox (a new reference, closed buckets) to the feature windows, if it holds anything and no send is under way.</summary>
    private void FeedWindows()
    {
        if (_feeding.IsCompleted && _applier.Monitor is { } monitor && WindowDelivery.Pending(monitor))
        {
            _feeding = FeedWindowsAsync(monitor, _applier.Schema!, WindowDelivery.Take(monitor, _applier.Schema!));
        }
    }

    private async Task<bool> FeedWindowsAsync(Core.Monitoring.ModelMonitor monitor, ModelSchema schema, WindowDelivery delivery)
    {
        try
        {
            foreach (var (key, from, count) in FeatureGroups.Of(Model, schema))
            {
                await GrainFactory.GetGrain<IFeatureWindowGrain>(key).Feed(DriftJson.Write(delivery.For(from, count)).AsImmutable());
            }

            delivery.Confirm(monitor);
            return true;
        }
        catch (Exception e)
        {
            // The outbox keeps everything; the next applied entry or checkpoint tick sends it again.
            LogFeedFailed(e, Model, delivery.Buckets);
            return false;
        }
    }

    public async Task FlushDrift()
    {
        if (_applier.Schema is not null)
        {
            await FlushWindowsAsync();
        }
    }

    public async Task<DriftResult> GetDrift(double? windowSeconds, double? from, double? to)
    {
        await _pipeline.SettleAsync();
        if (_applier.Schema is not { } schema)
        {
            return new DriftResult(ReadStatus.NotFound, null);
        }

        await FlushWindowsAsync();
        var parts = new List<DriftEvaluation[]>();
        foreach (var (key, _, _) in FeatureGroups.Of(Model, schema))
        {
            parts.Add(await GrainFactory.GetGrain<IFeatureWindowGrain>(key).GetHistory(windowSeconds, from, to));
        }

        var response = new DriftResponse(Model, _applier.Monitor!.ReferenceRevision, windowSeconds ?? schema.Definition.Monitoring.Drift.WindowSeconds, FeatureGroupMerge.Merge(parts));
        return new DriftResult(ReadStatus.Ok, response);
    }

    /// <summary>
    /// Sends the outbox until it is empty, or until a send takes nothing out of it (a window grain that cannot store what it was
    /// fed, on a full disk): the windows then answer with what they hold, and the outbox keeps the rest for the next send.
    /// </summary>
    private async Task FlushWindowsAsync()
    {
        _ = await _feeding;
        var monitor = _applier.Monitor!;
        while (WindowDelivery.Pending(monitor))
        {
            FeedWindows();
            if (!await _feeding)
            {
                break;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model {Model} could not feed {Buckets} closed buckets to its feature windows; they stay in its outbox")]
    private partial void LogFeedFailed(Exception exception, string model, int buckets);
}
