using OrleansCt.Core.Events;

namespace OrleansCt.Core.Tests.Events;

public sealed class IdWindowTests
{
    [Fact]
    public void Finds_the_latest_position_of_a_hash_and_trusts_misses_while_nothing_was_evicted()
    {
        var window = new IdWindow(capacity: 10);
        window.Add(1, 1_000, [11, 12]);
        window.Add(2, 2_000, [12, 13]);

        Assert.True(window.TryFind(12, long.MinValue, out var sequence, out var position));
        Assert.Equal((2L, 0), (sequence, position));
        Assert.False(window.TryFind(99, long.MinValue, out _, out _));
        Assert.False(window.TryFind(12, 2_001, out _, out _));
        Assert.True(window.Covers(long.MinValue));
    }

    [Fact]
    public void Evicting_the_oldest_block_drops_its_hashes_and_moves_the_coverage_past_it()
    {
        var window = new IdWindow(capacity: 3);
        window.Add(1, 1_000, [11, 12]);
        window.Add(2, 2_000, [13, 14]);

        Assert.False(window.TryFind(11, long.MinValue, out _, out _));
        Assert.True(window.TryFind(13, long.MinValue, out _, out _));
        Assert.False(window.Covers(1_000));
        Assert.True(window.Covers(1_001));
    }
}
