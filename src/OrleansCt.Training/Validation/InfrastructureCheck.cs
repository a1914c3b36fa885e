namespace OrleansCt.Training.Validation;

/// <summary>
/// Whether the candidate's artifact loaded back (<see cref="Problem"/> says why not, e.g. a column of the input schema that
/// does not match) and how long scoring <see cref="SampleRows"/> sample rows took.
/// </summary>
public sealed record InfrastructureCheck(bool Loaded, string? Problem, int SampleRows, double LatencySeconds);
