using Microsoft.Extensions.Logging;
using OrleansCt.Abstractions.Drift;
using OrleansCt.Abstractions.Models;
using OrleansCt.Core.Drift.Windows;
using OrleansCt.Core.Schema;

namespace OrleansCt.Grains.Model;

public sealed partial class ModelGrain
{
    /// <summary>Features per feature window grain (DESIGN.md: wide models in groups of about 32).</summary>
    public const int FeatureGroupSize = 32;

    private Task _feeding = Task.CompletedTask;

    /// <summary>The keys of a model's feature window grains: "model/0", "model/1", … one per group of 32 features.</summary>
    public static IReadOnlyList<(string Key, int From, int Count)> FeatureGroups(string model, ModelSchema schema)
    {
        var features = schema.Numeric.Count + schema.Categorical.Count;
        var groups = Math.Max(1, (features + FeatureGroupSize - 1) / FeatureGroupSize);
        return Enumerable.Range(0, groups).Select(g => ($"{model}/{g}", g * FeatureGroupSize, Math.Min(FeatureGroupSize, features - (g * FeatureGroupSize)))).ToList();
    }

    /// <summary>Starts sending the monitor's outbox (a new reference, closed buckets) to the feature windows, if it holds anything and no send is under way.</summary>
    private void FeedWindows()
    {
        if (_feeding.IsCompleted && _applier.Monitor is { } monitor && (monitor.PendingProfile is not null || monitor.PendingSummaries.Count > 0))
        {
            _feeding = FeedWindowsAsync(monitor, _applier.Schema!);
        }
    }

    private async Task FeedWindowsAsync(Core.Monitoring.ModelMonitor monitor, ModelSchema schema)
    {
        var (profile, summaries, revision) = (monitor.PendingProfile, monitor.PendingSummaries.ToArray(), monitor.ReferenceRevision);
        var definition = schema.Definition;
        var detectors = definition.Monitoring.Detectors.Select(d => d.Kind).ToArray();
        try
        {
            foreach (var (key, from, count) in FeatureGroups(Model, schema))
            {
                var feed = new WindowFeed(profile?.Slice(from, count), summaries.Select(s => s.Slice(from, count)).ToArray(),
                    definition.Monitoring.Drift, definition.Alerts, definition.Monitoring.BucketSeconds, detectors, schema.CountsSchemaChanges);
                await GrainFactory.GetGrain<IFeatureWindowGrain>(key).Feed(DriftJson.Write(feed).AsImmutable());
            }

            monitor.Delivered(revision, summaries.Length > 0 ? summaries[^1].Index : -1);
        }
        catch (Exception e)
        {
            // The outbox keeps everything; the next applied entry or checkpoint tick sends it again.
            LogFeedFailed(e, Model, summaries.Length);
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
        foreach (var (key, _, _) in FeatureGroups(Model, schema))
        {
            parts.Add(await GrainFactory.GetGrain<IFeatureWindowGrain>(key).GetHistory(windowSeconds, from, to));
        }

        var points = FeatureGroupMerge.Merge(parts);
        var response = new DriftResponse(Model, _applier.Monitor!.ReferenceRevision, windowSeconds ?? schema.Definition.Monitoring.Drift.WindowSeconds, points);
        return new DriftResult(ReadStatus.Ok, response);
    }

    /// <summary>Sends the outbox until it is empty (or a send fails), so what has been applied is readable in the windows and alerts.</summary>
    private async Task FlushWindowsAsync()
    {
        await _feeding;
        var monitor = _applier.Monitor!;
        while (monitor.PendingProfile is not null || monitor.PendingSummaries.Count > 0)
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
