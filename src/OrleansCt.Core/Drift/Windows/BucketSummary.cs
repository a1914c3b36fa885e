using OrleansCt.Core.Sketches;

namespace OrleansCt.Core.Drift.Windows;

/// <summary>
/// What a closed bucket hands to the feature windows, once: its span, the log sequences its events came from, and per
/// column its counts on the bins of reference <see cref="ReferenceRevision"/>. <see cref="Trained"/> bins the rows the
/// model learned from in the bucket (training/serving skew compares them with the served rows); <see cref="Violations"/>
/// counts values outside the schema's range or categories, per feature.
/// </summary>
public sealed record BucketSummary(
    int ReferenceRevision,
    long Index,
    double Start,
    double End,
    long FirstSequence,
    long LastSequence,
    long Events,
    SummaryColumn[] Features,
    SummaryColumn? Prediction,
    SummaryColumn? Label,
    FixedHistogramState[] Trained,
    long[] Violations,
    BucketPerformance? Performance = null,
    IReadOnlyDictionary<string, long>? NewFeatures = null,
    Multivariate.CoMomentsState? Joint = null)
{
    /// <summary>The bucket restricted to features [from, from + count) (a feature group); outputs only for group 0.</summary>
    public BucketSummary Slice(int from, int count) => this with
    {
        Features = Features.Skip(from).Take(count).ToArray(),
        Trained = Trained.Skip(from).Take(count).ToArray(),
        Violations = Violations.Skip(from).Take(count).ToArray(),
        Prediction = from == 0 ? Prediction : null,
        Label = from == 0 ? Label : null,
        NewFeatures = from == 0 ? NewFeatures : null,
        Joint = from == 0 ? Joint : null,
    };
}
