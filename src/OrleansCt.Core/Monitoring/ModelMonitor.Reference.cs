using System.Runtime.Intrinsics;
using OrleansCt.Core.Buckets;
using OrleansCt.Core.Drift.Windows;
using OrleansCt.Core.Events;
using OrleansCt.Core.Sketches;

namespace OrleansCt.Core.Monitoring;

public sealed partial class ModelMonitor
{
    /// <summary>Revision of the reference the bins come from: 0 while the first events are still being gathered.</summary>
    public int ReferenceRevision { get; private set; }

    /// <summary>Per feature (schema order), the reference's share of missing values; null until a reference is set.</summary>
    public double[]? MissingShares { get; private set; }

    /// <summary>A reference the feature windows have not confirmed yet (an outbox: it stays until <see cref="Delivered"/>).</summary>
    public ReferenceProfile? PendingProfile { get; private set; }

    /// <summary>Closed buckets the feature windows have not confirmed yet, oldest first.</summary>
    public List<BucketSummary> PendingSummaries { get; } = [];

    /// <summary>Closed buckets the outbox holds at most while the feature windows cannot be reached; older ones are dropped (and counted).</summary>
    public int OutboxLimit => Math.Max(1_000, 4 * _schema.Definition.Monitoring.Drift.KeepBuckets);

    /// <summary>Closed buckets dropped from a full outbox, never scored for drift.</summary>
    public long DroppedSummaries { get; private set; }

    /// <summary>Index of the last closed bucket summarized.</summary>
    public long LastSummarized { get; private set; } = -1;

    /// <summary>
    /// Makes <paramref name="profile"/> the reference: its bins replace the old ones in every open bucket (what they
    /// counted on the old bins is not comparable), gathering the first events stops, and the profile waits in the outbox.
    /// </summary>
    public void SetReference(ReferenceProfile profile)
    {
        Binning = ReferenceBinning.Of(profile);
        ReferenceRevision = profile.Revision;
        MissingShares = profile.Features.Select(c => c.MissingShare).ToArray();
        PendingProfile = profile;
        PendingSummaries.Clear();
        foreach (var bucket in Buckets.Open)
        {
            bucket.State.Bin(Binning);
        }

        Reference = null;
        ReferenceJoint = null;
    }

    /// <summary>Drops from the outbox what the feature windows confirmed: the profile of this revision and the summaries up to this bucket.</summary>
    public void Delivered(int revision, long lastIndex)
    {
        if (PendingProfile?.Revision == revision)
        {
            PendingProfile = null;
        }

        PendingSummaries.RemoveAll(s => s.ReferenceRevision < revision || (s.ReferenceRevision == revision && s.Index <= lastIndex));
    }

    /// <summary>Rows [<paramref name="start"/>, <paramref name="end"/>) into the trained-feature histograms, a column at a time.</summary>
    private void AddTrained(StreamStats stats, EventBatch events, int start, int end)
    {
        if (stats.Trained is not { } trained)
        {
            return;
        }

        var numeric = events.Numeric.Length;
        for (var f = 0; f < numeric; f++)
        {
            ((NumericHistogram)trained[f]).Add(events.Numeric[f].AsSpan(start, end - start));
        }

        for (var f = 0; f < events.Categorical.Length; f++)
        {
            var column = events.Categorical[f];
            var histogram = (CategoricalHistogram)trained[numeric + f];
            for (var row = start; row < end; row++)
            {
                histogram.Add(column[row]);
            }
        }
    }

    private void AddTrained(StreamStats stats, EventBatch events, int row)
    {
        if (stats.Trained is not { } trained)
        {
            return;
        }

        var numeric = events.Numeric.Length;
        for (var f = 0; f < numeric; f++)
        {
            ((NumericHistogram)trained[f]).Add(events.Numeric[f][row]);
        }

        for (var f = 0; f < events.Categorical.Length; f++)
        {
            ((CategoricalHistogram)trained[numeric + f]).Add(events.Categorical[f][row]);
        }
    }

    /// <summary>While the first events are gathered: their co-moments in <see cref="Drift.Windows.MultivariateReference.Chunks"/> consecutive chunks.</summary>
    public List<Drift.Multivariate.CoMoments>? ReferenceJoint { get; private set; }

    private void AddReferenceJoint(double[][]? joint, int row)
    {
        if (joint is null)
        {
            return;
        }

        ReferenceJoint ??= Enumerable.Range(0, Drift.Windows.MultivariateReference.Chunks).Select(_ => new Drift.Multivariate.CoMoments(joint.Length)).ToList();
        var chunk = (int)(ReferenceEvents * Drift.Windows.MultivariateReference.Chunks / _schema.Definition.Monitoring.ReferenceEvents);
        ReferenceJoint[Math.Min(chunk, ReferenceJoint.Count - 1)].Add(joint, row);
    }

    /// <summary>Names of unknown features are kept for this many names per bucket; the rest count under "other".</summary>
    public const int MaxNewFeatureNames = 32;

    /// <summary>Counts a batch's unknown features in the bucket of its last event.</summary>
    private void CountNewFeatures(EventBatch batch)
    {
        if (batch.NewFeatures is not { Count: > 0 } seen || (Buckets.Find(batch.Times[^1]) ?? Buckets.Open.LastOrDefault()) is not { } bucket)
        {
            return;
        }

        var stats = bucket.State;
        stats.NewFeatures ??= new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (name, count) in seen)
        {
            var key = stats.NewFeatures.ContainsKey(name) || stats.NewFeatures.Count < MaxNewFeatureNames ? name : "other";
            stats.NewFeatures[key] = stats.NewFeatures.GetValueOrDefault(key) + count;
        }
    }

    private void CountViolations(long[] violations, EventBatch batch, int row)
    {
        for (var f = 0; f < batch.Numeric.Length; f++)
        {
            var x = batch.Numeric[f][row];
            violations[f] += x < _schema.Numeric[f].Min || x > _schema.Numeric[f].Max ? 1 : 0;
        }

        for (var f = 0; f < batch.Categorical.Length; f++)
        {
            if (_schema.CategorySets[f] is { } known && batch.Categorical[f][row] is { } category && !known.Contains(category))
            {
                violations[batch.Numeric.Length + f]++;
            }
        }
    }

    /// <summary>
    /// Rows [<paramref name="start"/>, <paramref name="end"/>) of one bucket: per numeric feature the values outside its range, counted a
    /// column at a time into the bucket's <paramref name="violations"/> (when it keeps them) and the monitor's <see cref="OutOfRange"/>; per
    /// categorical feature the values outside its categories (the batch-wide <see cref="Unseen"/> is counted apart).
    /// </summary>
    private void CountViolations(long[]? violations, EventBatch batch, int start, int end)
    {
        for (var f = 0; f < batch.Numeric.Length; f++)
        {
            var (min, max) = (_schema.Numeric[f].Min ?? double.NegativeInfinity, _schema.Numeric[f].Max ?? double.PositiveInfinity);
            if (min == double.NegativeInfinity && max == double.PositiveInfinity)
            {
                // Nothing is below −∞ or above +∞, NaN included.
                continue;
            }

            var outside = Outside(batch.Numeric[f].AsSpan(start, end - start), min, max);
            OutOfRange[f] += outside;
            if (violations is not null)
            {
                violations[f] += outside;
            }
        }

        if (violations is null)
        {
            return;
        }

        for (var f = 0; f < batch.Categorical.Length; f++)
        {
            if (_schema.CategorySets[f] is { } known)
            {
                var column = batch.Categorical[f];
                for (var row = start; row < end; row++)
                {
                    if (column[row] is { } category && !known.Contains(category))
                    {
                        violations[batch.Numeric.Length + f]++;
                    }
                }
            }
        }
    }

    // How many values are below min or above max (NaN is neither), four at a time: a lane that is outside compares to all ones, that is −1.
    private static long Outside(ReadOnlySpan<double> values, double min, double max)
    {
        var count = 0L;
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var (low, high) = (Vector256.Create(min), Vector256.Create(max));
            var sum = Vector256<long>.Zero;
            for (; i <= values.Length - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var x = Vector256.Create(values.Slice(i, Vector256<double>.Count));
                sum -= (Vector256.LessThan(x, low) | Vector256.GreaterThan(x, high)).AsInt64();
            }

            count = Vector256.Sum(sum);
        }

        for (; i < values.Length; i++)
        {
            count += values[i] < min || values[i] > max ? 1 : 0;
        }

        return count;
    }

    /// <summary>Puts a bucket that closes into the outbox, if it counted on the reference's bins (bounded by the windows' history).</summary>
    private void Summarize(Bucket<StreamStats> bucket)
    {
        if (bucket.Index <= LastSummarized)
        {
            return;
        }

        LastSummarized = bucket.Index;
        var stats = bucket.State;
        if (stats.Histograms is null || ReferenceRevision == 0)
        {
            return;
        }

        var features = stats.Histograms.Select((h, f) => new SummaryColumn(h.ToState(), f < stats.Numeric.Length ? stats.Numeric[f].Quantiles.ToState() : null)).ToArray();
        var prediction = stats.PredictionHistogram is { } p ? new SummaryColumn(p.ToState(), stats.Scores.Quantiles.ToState()) : null;
        var label = stats.LabelHistogram is { } l ? new SummaryColumn(l.ToState(), stats.LabelValues?.Quantiles.ToState()) : null;
        PendingSummaries.Add(new BucketSummary(ReferenceRevision, bucket.Index, bucket.Start, bucket.End, bucket.FirstSequence, bucket.LastSequence,
            bucket.Events, features, prediction, label, stats.Trained!.Select(h => h.ToState()).ToArray(), [.. stats.Violations ?? []],
            new BucketPerformance(
                stats.Classification?.Values().Count ?? stats.Regression!.Values().Count,
                stats.Classification?.Values().Accuracy,
                stats.Regression?.Values().Mae,
                Detectors.Select(d => d.Drifts).ToArray()),
            stats.NewFeatures is null ? null : new Dictionary<string, long>(stats.NewFeatures, StringComparer.Ordinal),
            stats.Joint?.ToState()));
        if (PendingSummaries.Count > OutboxLimit)
        {
            PendingSummaries.RemoveAt(0);
            DroppedSummaries++;
        }
    }
}
