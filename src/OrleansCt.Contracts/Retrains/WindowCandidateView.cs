namespace OrleansCt.Contracts;

/// <summary>
/// One candidate of a dynamic window: its length as the policy gave it (rows or seconds, counting the held-out rows), the rows it
/// trained on, its mean per-row loss on the held-out rows with the standard error, and whether it was chosen.
/// </summary>
public sealed record WindowCandidateView(double Length, int TrainRows, double MeanLoss, double StandardError, bool Chosen);
