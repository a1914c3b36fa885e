namespace OrleansCt.Storage.Sqlite;

/// <summary>One caller's write waiting in the writer queue; its task completes only after its group commits.</summary>
internal sealed class SqliteWrite(Func<SqliteWriteScope, object?> work, CancellationToken cancellationToken)
{
    // Continuations run off the writer loop so a caller's code never delays the next group.
    private readonly TaskCompletionSource<object?> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private object? _result;

    public Task<object?> Outcome => _outcome.Task;

    public bool IsCancellationRequested => cancellationToken.IsCancellationRequested;

    public void Execute(SqliteWriteScope scope) => _result = work(scope);

    public void Succeed() => _outcome.TrySetResult(_result);

    public void Fail(Exception exception) => _outcome.TrySetException(exception);

    public void Cancel() => _outcome.TrySetCanceled(cancellationToken);
}
