namespace OrleansCt.Grains.Tests;

/// <summary>Runs test code the way a grain runs: one turn at a time on one scheduler, awaits interleaving between turns.</summary>
public static class GrainTurns
{
    public static Task Run(Func<Task> body)
    {
        // Continuations of an await inside body come back to the scheduler that is current, as they do on a grain's.
        var scheduler = new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler;
        return Task.Factory.StartNew(body, CancellationToken.None, TaskCreationOptions.None, scheduler).Unwrap();
    }
}
