using Microsoft.Extensions.Time.Testing;
using OrleansCt.Grains.Training;

namespace OrleansCt.Grains.Tests.Training;

/// <summary>
/// Training jobs on the queue's own threads. Every wait is on a signal a job sets (with a generous guard so a failure
/// fails instead of hanging); time limits run on fake time.
/// </summary>
public sealed class TrainingQueueTests
{
    private static readonly TimeSpan s_guard = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_noLimit = Timeout.InfiniteTimeSpan;
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task A_job_runs_on_a_named_background_thread_that_is_not_the_pool_s_and_its_caller_goes_on_elsewhere()
    {
        using var queue = new TrainingQueue(_time);
        using var release = new ManualResetEventSlim();
        var job = queue.RunAsync(
            "where",
            _ =>
            {
                release.Wait();
                var thread = Thread.CurrentThread;
                return (thread.IsThreadPoolThread, thread.IsBackground, thread.Name);
            },
            s_noLimit);
        // Registered before the job ends and asked to run synchronously: still not on the training thread.
        var continuedOn = job.ContinueWith(_ => Thread.CurrentThread.Name, TaskContinuationOptions.ExecuteSynchronously);
        release.Set();

        Assert.Equal((false, true, "orleansct-training-1"), await job.WaitAsync(s_guard));
        Assert.NotEqual("orleansct-training-1", await continuedOn.WaitAsync(s_guard));
    }

    [Fact]
    public async Task With_one_slot_a_second_job_waits_until_the_first_has_finished()
    {
        using var queue = new TrainingQueue(_time);
        using var firstStarted = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        using var firstDone = new ManualResetEventSlim();
        var first = queue.RunAsync(
            "first",
            _ =>
            {
                firstStarted.Set();
                release.Wait();
                firstDone.Set();
                return 1;
            },
            s_noLimit);
        Await(firstStarted, "the first job to start");

        var second = queue.RunAsync("second", _ => firstDone.IsSet, s_noLimit);

        Assert.Equal((1, 1), (queue.Running, queue.Queued));
        Assert.False(second.IsCompleted);
        release.Set();
        Assert.Equal(1, await first.WaitAsync(s_guard));
        Assert.True(await second.WaitAsync(s_guard));
        Assert.Equal((0, 0), (queue.Running, queue.Queued));
    }

    [Fact]
    public async Task Two_slots_run_two_jobs_at_once()
    {
        using var queue = new TrainingQueue(_time, slots: 2);
        using var aStarted = new ManualResetEventSlim();
        using var bStarted = new ManualResetEventSlim();

        // Each job ends only once it has seen the other one start, which one slot could never allow.
        var a = queue.RunAsync("a", _ => Started(aStarted, bStarted), s_noLimit);
        var b = queue.RunAsync("b", _ => Started(bStarted, aStarted), s_noLimit);

        var threads = await Task.WhenAll(a, b).WaitAsync(s_guard);
        Assert.Equal(["orleansct-training-1", "orleansct-training-2"], threads.Order());
    }

    [Fact]
    public async Task Jobs_run_in_the_order_they_were_queued()
    {
        using var queue = new TrainingQueue(_time);
        using var release = new ManualResetEventSlim();
        var order = new List<int>();
        var blocker = queue.RunAsync("blocker", _ => release.Wait(s_guard), s_noLimit);
        var jobs = Enumerable.Range(1, 5).Select(n => queue.RunAsync($"job {n}", _ => Record(order, n), s_noLimit)).ToArray();

        release.Set();
        await Task.WhenAll(jobs).WaitAsync(s_guard);

        Assert.True(await blocker);
        Assert.Equal([1, 2, 3, 4, 5], order);
    }

    [Fact]
    public async Task A_job_cancelled_while_queued_never_runs()
    {
        using var queue = new TrainingQueue(_time);
        using var release = new ManualResetEventSlim();
        using var ran = new ManualResetEventSlim();
        using var cancel = new CancellationTokenSource();
        using var blockerStarted = new ManualResetEventSlim();
        var blocker = queue.RunAsync(
            "blocker",
            _ =>
            {
                blockerStarted.Set();
                return release.Wait(s_guard);
            },
            s_noLimit);
        Await(blockerStarted, "the first job to start");
        var queued = queue.RunAsync("queued", _ => Ran(ran), s_noLimit, cancel.Token);
        Assert.Equal(1, queue.Queued);

        cancel.Cancel();

        var error = await Assert.ThrowsAsync<TaskCanceledException>(() => queued.WaitAsync(s_guard));
        Assert.Equal(cancel.Token, error.CancellationToken);
        Assert.Equal(0, queue.Queued);
        release.Set();
        Assert.True(await blocker.WaitAsync(s_guard));
        // First come, first served: had the cancelled job stayed queued, it would have run before this one.
        Assert.Equal(2, await queue.RunAsync("after", _ => 2, s_noLimit).WaitAsync(s_guard));
        Assert.False(ran.IsSet);
    }

    [Fact]
    public async Task A_job_cancelled_while_running_sees_its_token_cancelled()
    {
        using var queue = new TrainingQueue(_time);
        using var started = new ManualResetEventSlim();
        using var cancel = new CancellationTokenSource();
        var sawCancellation = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var job = queue.RunAsync("running", token => WaitForToken(started, token, sawCancellation), s_noLimit, cancel.Token);
        Await(started, "the job to start");

        cancel.Cancel();

        var error = await Assert.ThrowsAsync<TaskCanceledException>(() => job.WaitAsync(s_guard));
        Assert.Equal(cancel.Token, error.CancellationToken);
        Assert.True(await sawCancellation.Task.WaitAsync(s_guard));
    }

    [Fact]
    public async Task A_job_running_past_its_limit_fails_with_a_timeout_naming_it_and_the_limit()
    {
        using var queue = new TrainingQueue(_time);
        using var started = new ManualResetEventSlim();
        var sawCancellation = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var job = queue.RunAsync("retrain m from 42", token => WaitForToken(started, token, sawCancellation), TimeSpan.FromMinutes(5));
        Await(started, "the job to start");

        _time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromTicks(1));
        Assert.False(job.IsCompleted);
        _time.Advance(TimeSpan.FromTicks(1));

        // The caller hears at the limit, from the advancing thread, without waiting for the job to return.
        Assert.True(job.IsFaulted);
        var error = await Assert.ThrowsAsync<TrainingTimeoutException>(() => job);
        Assert.Equal(("retrain m from 42", TimeSpan.FromMinutes(5)), (error.Job, error.Limit));
        Assert.Equal("The training job 'retrain m from 42' ran longer than its limit of 00:05:00; it was cancelled. Raise the limit or train on fewer rows.", error.Message);
        Assert.True(await sawCancellation.Task.WaitAsync(s_guard));
    }

    [Fact]
    public async Task The_limit_counts_from_the_start_of_the_job_not_from_when_it_was_queued()
    {
        using var queue = new TrainingQueue(_time);
        using var firstStarted = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var first = queue.RunAsync(
            "first",
            _ =>
            {
                firstStarted.Set();
                return release.Wait(s_guard);
            },
            s_noLimit);
        var second = queue.RunAsync("second", token => token.IsCancellationRequested, TimeSpan.FromMinutes(1));
        Await(firstStarted, "the first job to start");

        // Ten minutes in the queue behind the first job, ten times the second's limit.
        _time.Advance(TimeSpan.FromMinutes(10));
        release.Set();

        Assert.True(await first.WaitAsync(s_guard));
        Assert.False(await second.WaitAsync(s_guard));
    }

    [Fact]
    public async Task A_failing_job_faults_its_task_and_the_thread_goes_on_to_the_next_job()
    {
        using var queue = new TrainingQueue(_time);
        var failedOn = 0;
        var failing = queue.RunAsync<int>(
            "failing",
            _ =>
            {
                failedOn = Environment.CurrentManagedThreadId;
                throw new InvalidOperationException("the trainer broke");
            },
            s_noLimit);
        var next = queue.RunAsync("next", _ => Environment.CurrentManagedThreadId, s_noLimit);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => failing.WaitAsync(s_guard));
        Assert.Equal("the trainer broke", error.Message);
        Assert.Equal(failedOn, await next.WaitAsync(s_guard));
    }

    [Fact]
    public async Task Dispose_cancels_the_queued_jobs_and_the_running_one_s_token_and_refuses_new_ones()
    {
        var queue = new TrainingQueue(_time);
        using var started = new ManualResetEventSlim();
        using var ran = new ManualResetEventSlim();
        var sawCancellation = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = queue.RunAsync("running", token => WaitForToken(started, token, sawCancellation), s_noLimit);
        Await(started, "the job to start");
        var queued = queue.RunAsync("queued", _ => Ran(ran), s_noLimit);

        queue.Dispose();

        await Assert.ThrowsAsync<TaskCanceledException>(() => queued.WaitAsync(s_guard));
        await Assert.ThrowsAsync<TaskCanceledException>(() => running.WaitAsync(s_guard));
        Assert.True(await sawCancellation.Task.WaitAsync(s_guard));
        Assert.False(ran.IsSet);
        Assert.Equal(0, queue.Queued);
        // Refused at once, not by a faulted task: a caller learns it holds a stopped queue.
        Assert.Throws<ObjectDisposedException>(() => { _ = queue.RunAsync("late", _ => 0, s_noLimit); });
    }

    [Fact]
    public void A_limit_of_zero_is_refused_naming_the_job()
    {
        using var queue = new TrainingQueue(_time);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => { _ = queue.RunAsync("retrain m", _ => 0, TimeSpan.Zero); });

        Assert.Equal("timeout", error.ParamName);
        Assert.Contains("'retrain m' needs a time limit above zero", error.Message);
        Assert.Equal(0, queue.Queued);
    }

    /// <summary>Sets <paramref name="mine"/>, waits for <paramref name="other"/>, and names the thread it ran on.</summary>
    private static string Started(ManualResetEventSlim mine, ManualResetEventSlim other)
    {
        mine.Set();
        Assert.True(other.Wait(s_guard), "The other job did not start while this one ran.");
        return Thread.CurrentThread.Name!;
    }

    private static bool Ran(ManualResetEventSlim ran)
    {
        ran.Set();
        return true;
    }

    private static int Record(List<int> order, int n)
    {
        lock (order)
        {
            order.Add(n);
        }

        return n;
    }

    /// <summary>Signals its start, blocks until its token is cancelled, reports that it saw it, and stops as a job should.</summary>
    private static int WaitForToken(ManualResetEventSlim started, CancellationToken token, TaskCompletionSource<bool> sawCancellation)
    {
        started.Set();
        token.WaitHandle.WaitOne(s_guard);
        sawCancellation.SetResult(token.IsCancellationRequested);
        token.ThrowIfCancellationRequested();
        return 0;
    }

    private static void Await(ManualResetEventSlim signal, string what) => Assert.True(signal.Wait(s_guard), $"Timed out waiting for {what}.");
}
