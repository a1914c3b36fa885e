namespace OrleansCt.Core.WindowSelection;

/// <summary>The rows of a representative window and how well their histograms match the reference's.</summary>
/// <param name="Rows">Indices of the chosen rows, ascending (log order).</param>
/// <param name="Requested">The sample size asked for; <paramref name="Rows"/> holds fewer when fewer rows are eligible.</param>
/// <param name="Eligible">Rows neither excluded nor outside the reference's bins on some feature.</param>
/// <param name="EffectiveRows">Kish's effective sample size of the raking weights, (Σw)² / Σw²: how many rows the weighted eligible rows are worth.</param>
/// <param name="Features">Per feature, in the order given: the first is the stratified one, the rest were matched by raking.</param>
/// <param name="RakingSweeps">Sweeps of iterative proportional fitting until every feature's weighted shares matched (or the cap was reached).</param>
public sealed record RepresentativeSample(int[] Rows, int Requested, int Eligible, double EffectiveRows, IReadOnlyList<FeatureMatch> Features, int RakingSweeps, string Reason);
