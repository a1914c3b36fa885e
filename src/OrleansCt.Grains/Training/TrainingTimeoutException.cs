namespace OrleansCt.Grains.Training;

/// <summary>A training job ran longer than its limit; its token was cancelled and its caller no longer waits for it.</summary>
public sealed class TrainingTimeoutException(string job, TimeSpan limit)
    : TimeoutException($"The training job '{job}' ran longer than its limit of {limit}; it was cancelled. Raise the limit or train on fewer rows.")
{
    public string Job { get; } = job;

    public TimeSpan Limit { get; } = limit;
}
