namespace OrleansCt.Grains.Training;

/// <summary>A job of the <see cref="TrainingQueue"/>: how it runs within its limit and its caller's token, whatever its result type.</summary>
internal abstract class TrainingJob(string name, TimeSpan timeout, CancellationToken cancellationToken)
{
    public CancellationToken CancellationToken => cancellationToken;

    /// <summary>Its place in the queue while it waits; null once a thread took it or a cancellation removed it.</summary>
    public LinkedListNode<TrainingJob>? Node { get; set; }

    public CancellationTokenRegistration Registration { get; set; }

    public abstract bool IsCompleted { get; }

    /// <summary>Runs the work on the calling training thread and returns how to hand its outcome to the caller.</summary>
    /// <remarks>The outcome is handed over later, so the queue can free the slot first and a caller who saw the result sees the slot free.</remarks>
    public Action Execute(TimeProvider time, CancellationToken stopping)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Cancel;
        }

        // The limit starts now, when the job runs, not when it was queued.
        using var limit = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopping, limit.Token);

        // The caller hears of the timeout when it happens, not when (or whether) the work notices its token.
        using var onTimeout = limit.Token.UnsafeRegister(static job => ((TrainingJob)job!).TimeOut(), this);
        try
        {
            return Invoke(linked.Token);
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            return cancellationToken.IsCancellationRequested || stopping.IsCancellationRequested ? Cancel : TimeOut;
        }
        catch (Exception exception)
        {
            return () => Fail(exception);
        }
    }

    /// <summary>The caller's token fired, or the queue stopped.</summary>
    public abstract void Cancel();

    protected abstract Action Invoke(CancellationToken token);

    protected abstract void Fail(Exception exception);

    private void TimeOut() => Fail(new TrainingTimeoutException(name, timeout));
}
