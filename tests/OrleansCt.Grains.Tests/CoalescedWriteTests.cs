using OrleansCt.Grains.Model;

namespace OrleansCt.Grains.Tests;

/// <summary>One outstanding write: requests during a write share one more write after it.</summary>
public sealed class CoalescedWriteTests
{
    [Fact]
    public async Task Requests_during_a_write_share_one_more_write_and_a_later_request_starts_its_own()
    {
        var gates = new List<TaskCompletionSource>();
        var write = new CoalescedWrite(() =>
        {
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            gates.Add(gate);
            return gate.Task;
        });

        var first = write.RequestAsync();
        var second = write.RequestAsync();
        var third = write.RequestAsync();
        // One write under way; the two requests during it wait for the same task.
        Assert.Single(gates);
        Assert.Same(first, second);
        Assert.Same(first, third);

        gates[0].SetResult();
        // The first write done, the one shared write for the second and third requests starts.
        await WaitAsync(() => gates.Count == 2);
        Assert.False(first.IsCompleted);
        gates[1].SetResult();
        await first;
        Assert.Equal(2, gates.Count);

        // Nothing in flight: a new request starts a write of its own.
        var fourth = write.RequestAsync();
        Assert.Equal(3, gates.Count);
        gates[2].SetResult();
        await fourth;
    }

    private static async Task WaitAsync(Func<bool> condition)
    {
        for (var i = 0; i < 1_000 && !condition(); i++)
        {
            await Task.Delay(5);
        }

        Assert.True(condition());
    }
}
