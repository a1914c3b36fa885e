
namespace OrleansCt.Client;

/// <summary>
/// Gathers events and labels for one model and sends them in batches, when a batch is full or when its first
/// item has waited <see cref="ClientOptions.MaxBatchDelay"/>. Each item's task completes when its batch is
/// acknowledged (stored). Batches go out in order; a flush sends events before the labels gathered with them.
/// </summary>
public sealed class EventBatcher : IAsyncDisposable
{
    private readonly OrleansCtClient _client;
    private readonly string _model;
    private readonly Lock _gate = new();
    private List<(EventInput Event, TaskCompletionSource<PredictionView> Done)> _events = [];
    private List<(LabelInput Label, TaskCompletionSource<LabelsResponse> Done)> _labels = [];
    private ITimer? _timer;
    private Task _lastFlush = Task.CompletedTask;

    internal EventBatcher(OrleansCtClient client, string model) => (_client, _model) = (client, model);

    /// <summary>Adds an event (with its label, if it has one); the task gives its prediction once stored.</summary>
    public Task<PredictionView> AddEventAsync(EventInput input) => Add(_events, input);

    /// <summary>Adds a label; the task gives the answer of the batch it went in.</summary>
    public Task<LabelsResponse> AddLabelAsync(LabelInput input) => Add(_labels, input);

    /// <summary>Sends what is gathered now and waits until every batch sent so far is acknowledged.</summary>
    public Task FlushAsync()
    {
        lock (_gate)
        {
            return StartFlush();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await FlushAsync();
        _timer?.Dispose();
    }

    private Task<T> Add<TItem, T>(List<(TItem, TaskCompletionSource<T>)> pending, TItem item)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            pending.Add((item, done));
            if (_events.Count + _labels.Count >= _client.Options.MaxBatchSize)
            {
                StartFlush();
            }
            else if (_timer is null)
            {
                _timer = _client.Options.Time.CreateTimer(_ => FlushAsync(), null, _client.Options.MaxBatchDelay, Timeout.InfiniteTimeSpan);
            }
        }

        return done.Task;
    }

    private Task StartFlush()
    {
        _timer?.Dispose();
        _timer = null;
        var (events, labels) = (_events, _labels);
        (_events, _labels) = ([], []);
        _lastFlush = SendAfterAsync(_lastFlush, events, labels);
        return _lastFlush;
    }

    /// <summary>Sends one flush after the previous one, so batches are stored in the order they were gathered.</summary>
    private async Task SendAfterAsync(
        Task previous,
        List<(EventInput Event, TaskCompletionSource<PredictionView> Done)> events,
        List<(LabelInput Label, TaskCompletionSource<LabelsResponse> Done)> labels)
    {
        await previous;
        if (events.Count > 0)
        {
            await Complete(events, async () =>
            {
                var response = await _client.SendEventsAsync(_model, events.Select(e => e.Event).ToList());
                for (var i = 0; i < events.Count; i++)
                {
                    events[i].Done.TrySetResult(response.Predictions[i]);
                }
            });
        }

        if (labels.Count > 0)
        {
            await Complete(labels, async () =>
            {
                var response = await _client.SendLabelsAsync(_model, labels.Select(l => l.Label).ToList());
                labels.ForEach(l => l.Done.TrySetResult(response));
            });
        }
    }

    private static async Task Complete<TItem, T>(List<(TItem, TaskCompletionSource<T> Done)> items, Func<Task> send)
    {
        try
        {
            await send();
        }
        catch (Exception e)
        {
            items.ForEach(i => i.Done.TrySetException(e));
        }
    }
}
