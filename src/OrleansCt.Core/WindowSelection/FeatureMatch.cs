namespace OrleansCt.Core.WindowSelection;

/// <summary>How well a sample matches the reference on one feature's strata: its bins (underflow, between edges, overflow), then missing.</summary>
/// <param name="TotalVariation">½ Σ |sample share − reference share| over the strata.</param>
public sealed record FeatureMatch(string Name, double[] ReferenceShares, double[] SampleShares, double TotalVariation);
