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

/// <summary>The window against a plain reference (a list of blocks searched newest first) on random streams with repeats, evictions and forgets.</summary>
public sealed class IdWindowReferenceTests
{
    [Theory]
    [InlineData(1, 50)]
    [InlineData(2, 1_000)]
    [InlineData(3, 10_000)]
    public void Every_lookup_answers_as_a_search_of_the_kept_blocks_would(int seed, int capacity)
    {
        var random = new Random(seed);
        var window = new IdWindow(capacity);
        var kept = new List<(long Sequence, long Arrival, ulong[] Hashes)>();
        var sequence = 0L;
        for (var step = 0; step < 3_000; step++)
        {
            if (random.Next(40) == 0 && kept.Count > 0)
            {
                // Retention: forget everything up to some kept sequence.
                var through = kept[random.Next(kept.Count)].Sequence;
                window.Forget(through);
                kept.RemoveAll(b => b.Sequence <= through);
                continue;
            }

            // Hashes from a small range so that they repeat, within a block and across blocks.
            var hashes = Enumerable.Range(0, random.Next(1, capacity / 2 + 2)).Select(_ => (ulong)random.Next(capacity * 3)).ToArray();
            sequence++;
            window.Add(sequence, sequence * 10, hashes);
            kept.Add((sequence, sequence * 10, hashes));
            while (kept.Sum(b => (long)b.Hashes.Length) > capacity && kept.Count > 1)
            {
                kept.RemoveAt(0);
            }

            Assert.Equal(kept.Sum(b => (long)b.Hashes.Length), window.Count);
            for (var probe = 0; probe < 20; probe++)
            {
                var hash = (ulong)random.Next(capacity * 3);
                var since = random.Next(2) == 0 ? long.MinValue : (sequence - random.Next(5)) * 10;
                var expected = kept.Where(b => b.Arrival >= since).Reverse()
                    .Select(b => (b.Sequence, Position: Array.LastIndexOf(b.Hashes, hash)))
                    .FirstOrDefault(f => f.Position >= 0);
                var newest = kept.AsEnumerable().Reverse().Select(b => (b.Sequence, b.Arrival, Position: Array.LastIndexOf(b.Hashes, hash))).FirstOrDefault(f => f.Position >= 0);
                // The window keeps a hash's newest place only: found when that place arrived since the cut.
                var found = window.TryFind(hash, since, out var at, out var position);
                var shouldFind = newest.Position >= 0 && newest.Sequence > 0 && newest.Arrival >= since;
                Assert.Equal(shouldFind, found);
                if (found)
                {
                    Assert.Equal((newest.Sequence, newest.Position), (at, position));
                    Assert.Equal(expected, (at, position));
                }
            }
        }
    }
}
