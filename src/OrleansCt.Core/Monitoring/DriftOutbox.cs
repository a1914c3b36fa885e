using OrleansCt.Core.Buckets;
using OrleansCt.Core.Drift.Windows;
using OrleansCt.Core.Schema;

namespace OrleansCt.Core.Monitoring;

/// <summary>
/// What the feature windows have not confirmed yet: the reference profile and the closed buckets' summaries. Part of the checkpoint, so
/// nothing acknowledged is lost between a bucket closing and the windows holding it.
/// </summary>
internal sealed class DriftOutbox
{
    private readonly int _limit;

    public DriftOutbox(ModelSchema schema)
    {
        _limit = Math.Max(1_000, 4 * schema.Definition.Monitoring.Drift.KeepBuckets);
    }

    /// <summary>A reference the feature windows have not confirmed yet (it stays until <see cref="Delivered"/>).</summary>
    public ReferenceProfile? PendingProfile { get; private set; }

    /// <summary>Closed buckets the feature windows have not confirmed yet, oldest first.</summary>
    public List<BucketSummary> PendingSummaries { get; } = [];

    /// <summary>Closed buckets the outbox holds at most while the feature windows cannot be reached; older ones are dropped (and counted).</summary>
    public int Limit => _limit;

    /// <summary>Closed buckets dropped from a full outbox, never scored for drift.</summary>
    public long DroppedSummaries { get; private set; }

    /// <summary>Index of the last closed bucket summarized.</summary>
    public long LastSummarized { get; private set; } = -1;

    /// <summary>A new reference replaces whatever waits: summaries on the old bins are no longer comparable.</summary>
    public void Offer(ReferenceProfile profile)
    {
        PendingProfile = profile;
        PendingSummaries.Clear();
    }

    /// <summary>Drops what the feature windows confirmed: the profile of this revision and the summaries up to this bucket.</summary>
    public void Delivered(int revision, long lastIndex)
    {
        if (PendingProfile?.Revision == revision)
        {
            PendingProfile = null;
        }

        PendingSummaries.RemoveAll(s => s.ReferenceRevision < revision || (s.ReferenceRevision == revision && s.Index <= lastIndex));
    }

    /// <summary>Puts a bucket that closes into the outbox, if it counted on the bins of reference <paramref name="revision"/> (bounded by <see cref="Limit"/>).</summary>
    public void Summarize(Bucket<StreamStats> bucket, int revision, DetectorRun[] detectors)
    {
        if (bucket.Index <= LastSummarized)
        {
            return;
        }

        LastSummarized = bucket.Index;
        var stats = bucket.State;
        if (stats.Histograms is null || revision == 0)
        {
            return;
        }

        var features = stats.Histograms.Select((h, f) => new SummaryColumn(h.ToState(), f < stats.Numeric.Length ? stats.Numeric[f].Quantiles.ToState() : null)).ToArray();
        var prediction = stats.PredictionHistogram is { } p ? new SummaryColumn(p.ToState(), stats.Scores.Quantiles.ToState()) : null;
        var label = stats.LabelHistogram is { } l ? new SummaryColumn(l.ToState(), stats.LabelValues?.Quantiles.ToState()) : null;
        PendingSummaries.Add(new BucketSummary(revision, bucket.Index, bucket.Start, bucket.End, bucket.FirstSequence, bucket.LastSequence,
            bucket.Events, features, prediction, label, stats.Trained!.Select(h => h.ToState()).ToArray(), [.. stats.Violations ?? []],
            new BucketPerformance(
                stats.Classification?.Values().Count ?? stats.Regression!.Values().Count,
                stats.Classification?.Values().Accuracy,
                stats.Regression?.Values().Mae,
                detectors.Select(d => d.Drifts).ToArray()),
            stats.NewFeatures is null ? null : new Dictionary<string, long>(stats.NewFeatures, StringComparer.Ordinal),
            stats.Joint?.ToState()));
        if (PendingSummaries.Count > _limit)
        {
            PendingSummaries.RemoveAt(0);
            DroppedSummaries++;
        }
    }

    public DriftOutboxState ToState() => new(PendingProfile, [.. PendingSummaries], LastSummarized, DroppedSummaries);

    public static DriftOutbox FromState(ModelSchema schema, DriftOutboxState state)
    {
        var outbox = new DriftOutbox(schema)
        {
            PendingProfile = state.PendingProfile,
            LastSummarized = state.LastSummarized,
            DroppedSummaries = state.DroppedSummaries,
        };
        outbox.PendingSummaries.AddRange(state.PendingSummaries);
        return outbox;
    }
}
