using OrleansCt.Core.Drift.Windows;
using OrleansCt.Core.Sketches;

namespace OrleansCt.Core.Monitoring;

/// <summary>The empty bins of a reference that every bucket counts on: per feature, the prediction and the label.</summary>
public sealed record ReferenceBinning(FixedHistogram[] Features, FixedHistogram? Prediction, FixedHistogram? Label)
{
    public static ReferenceBinning Of(ReferenceProfile profile) => new(
        profile.Features.Select(c => Empty(c.Histogram)).ToArray(),
        profile.Prediction is { } p ? Empty(p.Histogram) : null,
        profile.Label is { } l ? Empty(l.Histogram) : null);

    private static FixedHistogram Empty(FixedHistogramState state) => FixedHistogram.FromState(state).EmptyCopy();
}
