using OrleansCt.Core.Sketches;

namespace OrleansCt.Core.Monitoring;

/// <summary>The reference the monitor bins on, in a checkpoint: its revision, missing shares and empty bins.</summary>
public sealed record ReferenceBinsState(int Revision, double[] MissingShares, FixedHistogramState[] Features, FixedHistogramState? Prediction, FixedHistogramState? Label);
