namespace OrleansCt.Grains.Training;

/// <summary>A training job whose work returns a <typeparamref name="T"/>, completing <see cref="Task"/> with it.</summary>
internal sealed class TrainingJob<T>(string name, Func<CancellationToken, T> work, TimeSpan timeout, CancellationToken cancellationToken)
    : TrainingJob(name, timeout, cancellationToken)
{
    // Asynchronous continuations: a caller never goes on running on the training thread (or on whoever cancelled).
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<T> Task => _completion.Task;

    public override bool IsCompleted => _completion.Task.IsCompleted;

    public override void Cancel()
    {
        if (CancellationToken.IsCancellationRequested)
        {
            _completion.TrySetCanceled(CancellationToken);
        }
        else
        {
            _completion.TrySetCanceled();
        }
    }

    protected override Action Invoke(CancellationToken token)
    {
        var result = work(token);
        return () => _completion.TrySetResult(result);
    }

    protected override void Fail(Exception exception) => _completion.TrySetException(exception);
}
