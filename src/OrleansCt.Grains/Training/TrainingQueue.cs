namespace OrleansCt.Grains.Training;

/// <summary>
/// Runs a silo's training jobs first come, first served on <see cref="Slots"/> threads of their own, so that a training of
/// seconds never holds a grain turn or a thread-pool thread that Orleans' scheduler needs to keep serving.
/// </summary>
/// <remarks>
/// A job's time limit and its caller's cancellation end the caller's wait at once and cancel the job's token; a job that
/// ignores its token keeps its thread until it returns, since a thread cannot be stopped safely from outside.
/// </remarks>
public sealed class TrainingQueue : IDisposable
{
    public const string ThreadNamePrefix = "orleansct-training-";

    // The longest delay a CancellationTokenSource accepts (about 49 days); checked here, not on the training thread.
    private static readonly TimeSpan s_longestLimit = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    // An object, not a System.Threading.Lock: the idle threads wait on it with Monitor.Wait.
    private readonly object _gate = new();
    private readonly LinkedList<TrainingJob> _queue = new();

    // Never disposed: a thread may be linking a job's token to it while Dispose runs.
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationToken _stoppingToken;
    private readonly TimeProvider _time;
    private bool _started;
    private bool _disposed;
    private int _running;

    /// <param name="time">Measures the jobs' time limits (a fake one in tests).</param>
    /// <param name="slots">Jobs that run at once; one by default, so that two cores keep serving (DESIGN.md, Training).</param>
    public TrainingQueue(TimeProvider time, int slots = 1)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(slots);
        (_time, Slots) = (time, slots);
        _stoppingToken = _stopping.Token;
    }

    public int Slots { get; }

    /// <summary>Jobs waiting for a slot.</summary>
    public int Queued
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Jobs on a training thread now, including one that timed out or was cancelled but has not returned yet.</summary>
    public int Running
    {
        get
        {
            lock (_gate)
            {
                return _running;
            }
        }
    }

    /// <summary>Queues <paramref name="work"/> behind the jobs already queued; it is never dropped.</summary>
    /// <param name="name">Names the job in a timeout.</param>
    /// <param name="work">Runs on a training thread, without the caller's execution context; it should stop when its token is cancelled.</param>
    /// <param name="timeout">How long the job may run, counted from its start (not from when it was queued); <see cref="Timeout.InfiniteTimeSpan"/> for no limit.</param>
    /// <param name="cancellationToken">Removes the job while it waits; cancels its token while it runs.</param>
    /// <returns>
    /// The work's result, or its exception; cancelled when <paramref name="cancellationToken"/> fires or the queue is disposed;
    /// a <see cref="TrainingTimeoutException"/> when the job runs longer than <paramref name="timeout"/>.
    /// </returns>
    public Task<T> RunAsync<T>(string name, Func<CancellationToken, T> work, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(work);
        if (timeout != Timeout.InfiniteTimeSpan && (timeout <= TimeSpan.Zero || timeout > s_longestLimit))
        {
            throw new ArgumentOutOfRangeException(
                nameof(timeout), timeout, $"The training job '{name}' needs a time limit above zero and at most {s_longestLimit}, or Timeout.InfiniteTimeSpan for none.");
        }

        ObjectDisposedException.ThrowIf(_disposed, this);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        var job = new TrainingJob<T>(name, work, timeout, cancellationToken);

        // Registered before the job is queued, so the registration is in place whenever a thread takes the job.
        job.Registration = cancellationToken.UnsafeRegister(
            static state =>
            {
                var (queue, job) = ((TrainingQueue, TrainingJob))state!;
                queue.Cancel(job);
            },
            (this, (TrainingJob)job));
        bool refused;
        lock (_gate)
        {
            refused = _disposed;
            if (!refused)
            {
                job.Node = _queue.AddLast(job);
                StartThreads();
                Monitor.Pulse(_gate);
            }
        }

        if (refused)
        {
            // Outside the lock: disposing waits for a callback that may be running, and the callback takes the lock.
            job.Registration.Dispose();
            throw new ObjectDisposedException(GetType().FullName);
        }

        return job.Task;
    }

    /// <summary>Stops the threads once their running jobs return (their tokens are cancelled); jobs still queued are cancelled.</summary>
    public void Dispose()
    {
        List<TrainingJob> queued;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            queued = [.. _queue];
            foreach (var job in queued)
            {
                job.Node = null;
            }

            _queue.Clear();
            Monitor.PulseAll(_gate);
        }

        _stopping.Cancel();
        foreach (var job in queued)
        {
            job.Registration.Dispose();
            job.Cancel();
        }
    }

    private void Cancel(TrainingJob job)
    {
        lock (_gate)
        {
            if (job.Node is { } node)
            {
                _queue.Remove(node);
                job.Node = null;
            }
        }

        job.Cancel();
    }

    /// <summary>Starts every slot's thread with the first job: a silo that never trains never has them.</summary>
    private void StartThreads()
    {
        if (_started)
        {
            return;
        }

        _started = true;

        // Without the first caller's execution context (a grain call's AsyncLocals), which would otherwise flow to every job.
        using (ExecutionContext.SuppressFlow())
        {
            for (var slot = 1; slot <= Slots; slot++)
            {
                new Thread(Work) { Name = ThreadNamePrefix + slot, IsBackground = true }.Start();
            }
        }
    }

    private void Work()
    {
        while (Take() is { } job)
        {
            Action handOver;
            try
            {
                handOver = job.Execute(_time, _stoppingToken);
            }
            finally
            {
                lock (_gate)
                {
                    _running--;
                }
            }

            job.Registration.Dispose();
            handOver();
        }
    }

    /// <summary>The next job to run, waiting for one; null once the queue is disposed.</summary>
    private TrainingJob? Take()
    {
        lock (_gate)
        {
            while (true)
            {
                if (_disposed)
                {
                    return null;
                }

                if (_queue.First is { } first)
                {
                    _queue.RemoveFirst();
                    first.Value.Node = null;

                    // Cancelled between its removal by the token and now: it already told its caller.
                    if (first.Value.IsCompleted)
                    {
                        continue;
                    }

                    _running++;
                    return first.Value;
                }

                Monitor.Wait(_gate);
            }
        }
    }
}
