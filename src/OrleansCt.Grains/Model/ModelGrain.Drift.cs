using Microsoft.Extensions.Logging;
using OrleansCt.Abstractions.Drift;
using OrleansCt.Abstractions.Models;
using OrleansCt.Core.Drift.Windows;
using OrleansCt.Core.Schema;

namespace OrleansCt.Grains.Model;

public sealed partial class ModelGrain
{
    private Task _feeding = Task.CompletedTask;

    /// <summary>Starts sending the monitor's outbox (a new reference, closed buckets) to the feature windows, if it holds anything and no send is under way.</summary>
    private void FeedWindows()
    {
        if (_feeding.IsCompleted && _applier.Monitor is { } monitor && WindowDelivery.Pending(monitor))
        {
            _feeding = FeedWindowsAsync(monitor, _applier.Schema!, WindowDelivery.Take(monitor, _applier.Schema!));
        }
    }

    private async Task FeedWindowsAsync(Core.Monitoring.ModelMonitor monitor, ModelSchema schema, WindowDelivery delivery)
    {
        try
        {
            foreach (var (key, from, count) in FeatureGroups.Of(Model, schema))
            {
                await GrainFactory.GetGrain<IFeatureWindowGrain>(key).Feed(DriftJson.Write(delivery.For(from, count)).AsImmutable());
            }

            delivery.Confirm(monitor);
        }
        catch (Exception e)
        {
            // The outbox keeps everything; the next applied entry or checkpoint tick sends it again.
            LogFeedFailed(e, Model, delivery.Buckets);
        }
    }

    public async Task<DriftResult> GetDrift(double? windowSeconds, double? from, double? to)
    {
        await _pipeline.EnsureAppliedAsync();
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

    /// <summary>Sends the outbox until it is empty (or a send fails), so what has been applied is readable in the windows and alerts.</summary>
    private async Task FlushWindowsAsync()
    {
        await _feeding;
        var monitor = _applier.Monitor!;
        while (WindowDelivery.Pending(monitor))
        {
            var before = monitor.PendingSummaries.Count;
            FeedWindows();
            await _feeding;
            if (monitor.PendingSummaries.Count >= before && monitor.PendingProfile is not null)
            {
                break;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model {Model} could not feed {Buckets} closed buckets to its feature windows; they stay in its outbox")]
    private partial void LogFeedFailed(Exception exception, string model, int buckets);
}
