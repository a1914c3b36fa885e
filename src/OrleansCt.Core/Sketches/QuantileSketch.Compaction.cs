using System.Runtime.CompilerServices;

namespace OrleansCt.Core.Sketches;

// The upkeep of the stack: compactions, their coin, and the sampler's blocks (docs/quantile-sketch.md).
public sealed partial class QuantileSketch
{
    // Without the sampler, after the levels may have grown (the end of every add's one-value block): starts it if the stack calls for it.
    private void SampleIfDue()
    {
        if (_sampling == 0 && QuantileSketchLevels.SamplingLevel(_floorDepth, Levels) > 0)
        {
            NextBlock(Count);
        }
    }

    // Value number c (Count before it) is the current block's chosen or last value (c == _next): the chosen one enters level s, and after
    // the last one the next block begins.
    private void Sample(double x, long c)
    {
        var last = (1L << _sampling) - 1;
        var offset = c - _blockStart;
        if (offset == _choice)
        {
            Emit(x);
        }

        if (offset == last)
        {
            NextBlock(c + 1);
        }
        else
        {
            _next = _blockStart + last;
        }
    }

    // Puts x into level s as an item of weight 2^s: the levels below (at most one item each) slide left by one to make room.
    private void Emit(double x)
    {
        var s = _sampling;
        var below = _starts[0];
        var at = _starts[s];
        for (var i = below; i < at; i++)
        {
            _buffer[i - 1] = _buffer[i];
        }

        _buffer[at - 1] = x;
        for (var h = 0; h <= s; h++)
        {
            _starts[h]--;
        }

        if (below == 1)
        {
            Compress();
        }
    }

    // Starts the block whose first value is number start: raises s first if the stack has grown enough for it, then draws the block's
    // offset from the coin, before any of its values is seen.
    private void NextBlock(long start)
    {
        var due = QuantileSketchLevels.SamplingLevel(_floorDepth, Levels);
        if (due > _sampling)
        {
            Settle(due);
            _sampling = due;
            _sampled = true;
        }

        _blockStart = start;
        _coin = Mix(_coin ^ unchecked((ulong)start));
        _choice = (long)(_coin >> (64 - _sampling));
        _next = start + _choice;
    }

    // Compacts each level below s that holds two items or more, from the bottom up, so each keeps at most its odd item.
    private void Settle(int s)
    {
        for (var h = 0; h < s; h++)
        {
            if (_starts[h + 1] - _starts[h] >= 2)
            {
                Compact(h);
            }
        }
    }

    // Compacts levels from the bottom up until the items fit under the total capacity, then sizes the array to that capacity.
    private void Compress()
    {
        for (var h = 0; h < Levels && RetainedItems >= MaxSize(Levels); h++)
        {
            if (_starts[h + 1] - _starts[h] < Capacity(Levels - 1 - h))
            {
                continue;
            }

            if (h + 1 == Levels)
            {
                _starts = [.. _starts, _buffer.Length];
            }

            Compact(h);
        }

        var size = MaxSize(Levels);
        if (_buffer.Length != size)
        {
            var buffer = new double[size];
            var shift = size - _buffer.Length;
            Array.Copy(_buffer, _starts[0], buffer, _starts[0] + shift, RetainedItems);
            for (var h = 0; h < _starts.Length; h++)
            {
                _starts[h] += shift;
            }

            _buffer = buffer;
        }
    }

    // Sorts level h and promotes one item of each adjacent pair (which one, by the coin) to level h + 1, keeping the smallest item
    // when the count is odd. The promoted items are written at the right end of level h's span, which then becomes part of level
    // h + 1; the levels below slide right over the gap.
    private void Compact(int h)
    {
        var start = _starts[h];
        var count = _starts[h + 1] - start;
        var level = _buffer.AsSpan(start, count);
        var odd = count & 1;
        var promoted = count / 2;

        // Up to 32 items (nearly every compaction), sorted apart without a data-dependent branch; more, in place by the runtime's sort.
        // The items are never NaN and never -0 (Add folds it), so equal items are equal in bits and every correct sort gives the same
        // array: the result is the runtime sort's, bit for bit.
        Span<double> run = stackalloc double[16];
        scoped ReadOnlySpan<double> sorted;
        if (count <= 16)
        {
            run.Fill(double.PositiveInfinity);
            level.CopyTo(run);
            if (count > 8)
            {
                SortingNetworks.Sort16(run);
            }
            else
            {
                SortingNetworks.Sort8(run);
            }

            sorted = run[..count];
            level[0] = sorted[0];
        }
        else if (count <= 32)
        {
            SortingNetworks.SortMerged(level);
            sorted = level;
        }
        else
        {
            level.Sort();
            sorted = level;
        }

        var offset = Coin(sorted[count / 2]);

        // Descending j writes at or above where it reads, and above every read still to come (sorted may be level itself).
        for (var j = promoted - 1; j >= 0; j--)
        {
            level[odd + promoted + j] = sorted[odd + (2 * j) + offset];
        }

        _starts[h + 1] = start + odd + promoted;
        var below = _starts[0];
        var sliding = start + odd - below;
        if (sliding == 1)
        {
            _buffer[below + promoted] = _buffer[below];
        }
        else if (sliding > 1)
        {
            Array.Copy(_buffer, below, _buffer, below + promoted, sliding);
        }

        for (var i = 0; i <= h; i++)
        {
            _starts[i] += promoted;
        }
    }

    // The compaction coin must be fair and independent of the query, but replay must repeat it: a hash chain over the
    // sketch's own history (its previous coin and the median of the level being compacted) gives both without a Random.
    private int Coin(double median)
    {
        _coin = Mix(_coin ^ unchecked((ulong)BitConverter.DoubleToInt64Bits(median)));
        return (int)(_coin >> 63);
    }

    // SplitMix64's finaliser (Steele, Lea and Flood, 2014).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong z)
    {
        unchecked
        {
            z += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
