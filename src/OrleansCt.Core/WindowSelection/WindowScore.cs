namespace OrleansCt.Core.WindowSelection;

/// <summary>One candidate window of a dynamic-window search, scored on the shared holdout.</summary>
/// <param name="Length">The window: the newest this many rows before the holdout.</param>
/// <param name="MeanLoss">Mean per-row loss on the holdout.</param>
/// <param name="StandardError">Standard error of <paramref name="MeanLoss"/>: the sample standard deviation of the per-row losses over √n.</param>
/// <param name="DifferenceFromBest">Mean loss minus the best candidate's (0 for the best).</param>
/// <param name="DifferenceStandardError">Standard error of that difference from the paired per-row differences (0 for the best).</param>
/// <param name="WithinOneStandardError">Whether <paramref name="DifferenceFromBest"/> ≤ <paramref name="DifferenceStandardError"/>: a tie with the best.</param>
public sealed record WindowScore(
    int Length,
    double MeanLoss,
    double StandardError,
    double DifferenceFromBest,
    double DifferenceStandardError,
    bool WithinOneStandardError);
