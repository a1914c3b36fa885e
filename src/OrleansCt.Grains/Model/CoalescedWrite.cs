namespace OrleansCt.Grains.Model;

/// <summary>
/// One outstanding write at a time: a request while a write is in flight shares one more write after it, so however many
/// requests come during a write, the state is written at most twice and the last write starts after the last request.
/// </summary>
internal sealed class CoalescedWrite(Func<Task> write)
{
    private Task _writing = Task.CompletedTask;
    private bool _again;

    /// <summary>A write that starts after this request; completes when it is done.</summary>
    public Task RequestAsync()
    {
        if (!_writing.IsCompleted)
        {
            _again = true;
            return _writing;
        }

        _writing = WriteAsync();
        return _writing;
    }

    private async Task WriteAsync()
    {
        do
        {
            _again = false;
            await write();
        }
        while (_again);
    }
}
