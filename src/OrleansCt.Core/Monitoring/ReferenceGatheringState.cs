using OrleansCt.Core.Drift.Multivariate;

namespace OrleansCt.Core.Monitoring;

/// <summary>The gathering of the first events as the reference, in a checkpoint (<paramref name="Stats"/> null once it stopped).</summary>
public sealed record ReferenceGatheringState(StreamStatsState? Stats, long Events, CoMomentsState[]? Joint);
