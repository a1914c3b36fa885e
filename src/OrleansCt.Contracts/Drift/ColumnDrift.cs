namespace OrleansCt.Contracts;

/// <summary>One column's drift over one window: the deciding statistic, its value and threshold, the verdict, and every score.</summary>
/// <param name="AlertsBelow">True for a p-value (drift below the threshold), false for a distance (drift at or above it).</param>
/// <param name="Rows">Non-missing values of the column in the window.</param>
/// <param name="OutOfRange">The statistics of <paramref name="Scores"/> that were computed but are beyond the range of a double (absent there), by name.</param>
public sealed record ColumnDrift(string Name, string Statistic, double Score, double Threshold, bool AlertsBelow, bool Drifted, long Rows, DriftScores Scores, IReadOnlyList<string>? OutOfRange = null);
