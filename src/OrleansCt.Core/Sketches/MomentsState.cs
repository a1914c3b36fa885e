namespace OrleansCt.Core.Sketches;

/// <summary>A <see cref="Moments"/> as plain numbers (a checkpoint); Min, Max and Mean are NaN while Count is 0.</summary>
/// <param name="Count">Values seen.</param>
/// <param name="Mean">Their mean.</param>
/// <param name="M2">Their sum of squared deviations from the mean.</param>
/// <param name="Min">Smallest value.</param>
/// <param name="Max">Largest value.</param>
public sealed record MomentsState(long Count, double Mean, double M2, double Min, double Max);
