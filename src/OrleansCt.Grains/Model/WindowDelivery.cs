using OrleansCt.Core.Drift.Windows;
using OrleansCt.Core.Monitoring;
using OrleansCt.Core.Schema;

namespace OrleansCt.Grains.Model;

/// <summary>
/// One send of the monitor's outbox to the feature windows: the outbox as it stood when the send began (a new reference, closed
/// buckets), sliced per feature group, and what the windows have confirmed once every group took its part.
/// </summary>
internal sealed class WindowDelivery(ReferenceProfile? profile, BucketSummary[] summaries, int revision, ModelDefinition definition, bool countsSchemaChanges)
{
    private readonly string[] _detectors = definition.Monitoring.Detectors.Select(d => d.Kind).ToArray();

    /// <summary>The closed buckets this send carries.</summary>
    public int Buckets => summaries.Length;

    /// <summary>What the windows hold once this send is through: the reference revision and the index of the last bucket (-1: none).</summary>
    public (int Revision, long LastIndex) Confirmed => (revision, summaries.Length > 0 ? summaries[^1].Index : -1);

    /// <summary>Whether the outbox holds anything to send.</summary>
    public static bool Pending(ModelMonitor monitor) => monitor.PendingProfile is not null || monitor.PendingSummaries.Count > 0;

    /// <summary>A send of what the outbox holds now; later buckets wait for the next send.</summary>
    public static WindowDelivery Take(ModelMonitor monitor, ModelSchema schema) =>
        new(monitor.PendingProfile, monitor.PendingSummaries.ToArray(), monitor.ReferenceRevision, schema.Definition, schema.CountsSchemaChanges);

    /// <summary>The part of the send for features [<paramref name="from"/>, <paramref name="from"/> + <paramref name="count"/>) (outputs only for group 0).</summary>
    public WindowFeed For(int from, int count)
    {
        var sliced = new BucketSummary[summaries.Length];
        for (var i = 0; i < summaries.Length; i++)
        {
            sliced[i] = summaries[i].Slice(from, count);
        }

        return new WindowFeed(profile?.Slice(from, count), sliced, definition.Monitoring.Drift, definition.Alerts, definition.Monitoring.BucketSeconds, _detectors, countsSchemaChanges);
    }

    /// <summary>Takes what this send carried out of the monitor's outbox.</summary>
    public void Confirm(ModelMonitor monitor) => monitor.Delivered(Confirmed.Revision, Confirmed.LastIndex);
}
