using System.Runtime.CompilerServices;
using OrleansCt.Core.Events;
using OrleansCt.Core.Sketches;

namespace OrleansCt.Core.Monitoring;

/// <summary>
/// The classes of a run of rows by index: how many rows fell in each, and the order in which the classes first came. Added to a categorical
/// sketch in that order, a count at a time, they leave it as the rows' single adds do: a class not yet named is named (or sent to "other")
/// at its first row, by the room left then, which is the room the classes that came before it left; and its later rows follow, since room
/// only shrinks.
/// </summary>
internal sealed class ClassTally(int classes)
{
    private readonly long[] _counts = new long[classes];
    private readonly int[] _order = new int[classes];
    private int _seen;

    /// <summary>Rows tallied.</summary>
    public long Rows { get; private set; }

    public void Clear()
    {
        foreach (var k in _order.AsSpan(0, _seen))
        {
            _counts[k] = 0;
        }

        (_seen, Rows) = (0, 0);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int k)
    {
        if (_counts[k]++ == 0)
        {
            _order[_seen++] = k;
        }

        Rows++;
    }

    /// <summary>Tallies the served class (the most probable, ties to the lowest index) of rows [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public void AddServed(Predictions predictions, int start, int end)
    {
        if (predictions.Width != 2)
        {
            for (var row = start; row < end; row++)
            {
                Add(predictions.ArgMax(row));
            }

            return;
        }

        // Two classes: the second is served where it is the more probable; counted in a register, and the first row's class came first.
        var scores = predictions.Scores.AsSpan(2 * start, 2 * (end - start));
        var second = 0L;
        for (var i = 0; i < scores.Length; i += 2)
        {
            second += scores[i + 1] > scores[i] ? 1 : 0;
        }

        if (end > start)
        {
            var (head, other) = scores[1] > scores[0] ? (1, 0) : (0, 1);
            var headCount = head == 1 ? second : end - start - second;
            Add(head, headCount);
            Add(other, end - start - headCount);
        }
    }

    /// <summary>Tallies <paramref name="count"/> rows of class <paramref name="k"/>.</summary>
    public void Add(int k, long count)
    {
        if (count == 0)
        {
            return;
        }

        if (_counts[k] == 0)
        {
            _order[_seen++] = k;
        }

        _counts[k] += count;
        Rows += count;
    }

    /// <summary>Adds the tallied rows to <paramref name="sketch"/> by class name, class by class in the order they first came.</summary>
    public void AddTo(CategoricalSketch sketch, IReadOnlyList<string> names)
    {
        foreach (var k in _order.AsSpan(0, _seen))
        {
            sketch.Add(names[k], _counts[k]);
        }
    }

    /// <summary>Adds the tallied rows to a categorical histogram by class name (counts: the order does not matter).</summary>
    public void AddTo(CategoricalHistogram histogram, IReadOnlyList<string> names)
    {
        foreach (var k in _order.AsSpan(0, _seen))
        {
            histogram.Add(names[k], _counts[k]);
        }
    }
}
