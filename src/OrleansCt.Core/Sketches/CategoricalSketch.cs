using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace OrleansCt.Core.Sketches;

/// <summary>
/// Counts of a categorical stream: up to <see cref="Cap"/> categories by name, the rest in <see cref="Other"/>, nulls in <see cref="Missing"/>.
/// Error bound: each category's true count lies in [CountOf(name), CountOf(name) + Other]; a category missing from the names was counted in
/// Other only, so its true count is at most Other. With no more than Cap distinct categories in all the merged streams, every count is exact.
/// </summary>
public sealed class CategoricalSketch
{
    public const int DefaultCap = 64;

    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);

    public CategoricalSketch(int cap = DefaultCap)
    {
        if (cap < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(cap), cap, "the cap on named categories must be at least 1.");
        }

        Cap = cap;
    }

    public int Cap { get; }

    /// <summary>Values of categories that had no room among the named ones.</summary>
    public long Other { get; private set; }

    /// <summary>Null values seen.</summary>
    public long Missing { get; private set; }

    /// <summary>Non-missing values seen (named and other).</summary>
    public long Count { get; private set; }

    /// <summary>Categories counted by name.</summary>
    public int Distinct => _counts.Count;

    /// <summary>Count of a named category; 0 for one not named (its true count is then at most <see cref="Other"/>).</summary>
    public long CountOf(string name) => _counts.GetValueOrDefault(name);

    /// <summary>Adds one value; null counts as missing. Once Cap names are taken, a new category goes to Other (first come, first named).</summary>
    public void Add(string? value)
    {
        if (value is null)
        {
            Missing++;
            return;
        }

        Count++;
        ref var count = ref CollectionsMarshal.GetValueRefOrNullRef(_counts, value);
        if (!Unsafe.IsNullRef(ref count))
        {
            count++;
        }
        else if (_counts.Count < Cap)
        {
            Name(value, 1);
        }
        else
        {
            Other++;
        }
    }

    /// <summary>Adds <paramref name="count"/> values equal to <paramref name="value"/>: the same sketch as that many <see cref="Add(string?)"/> of it.</summary>
    public void Add(string? value, long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0)
        {
            return;
        }

        if (value is null)
        {
            Missing += count;
            return;
        }

        // The first of the values decides, as a single add would, whether the name is kept; the others follow it, since room only shrinks.
        Count += count;
        ref var named = ref CollectionsMarshal.GetValueRefOrNullRef(_counts, value);
        if (!Unsafe.IsNullRef(ref named))
        {
            named += count;
        }
        else if (_counts.Count < Cap)
        {
            Name(value, count);
        }
        else
        {
            Other += count;
        }
    }

    /// <summary>Folds <paramref name="other"/> into this one: counts of a name add; above Cap, the highest counts keep their names (ties by ordinal name) and the rest move to Other.</summary>
    public void Merge(CategoricalSketch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Cap != Cap)
        {
            throw new ArgumentException($"cannot merge a sketch with a cap of {other.Cap} categories into one with {Cap}; build both with the same cap.", nameof(other));
        }

        _counts.EnsureCapacity(Math.Min(Cap, _counts.Count + other._counts.Count));
        foreach (var (name, count) in other._counts.ToArray())
        {
            _counts[name] = _counts.GetValueOrDefault(name) + count;
        }

        Other += other.Other;
        Missing += other.Missing;
        Count += other.Count;
        if (_counts.Count > Cap)
        {
            foreach (var evicted in Ranked().Skip(Cap).ToArray())
            {
                _counts.Remove(evicted.Name);
                Other += evicted.Count;
            }
        }
    }

    /// <summary>The n named categories with the highest counts, by count descending then ordinal name.</summary>
    public IReadOnlyList<CategoryCount> Top(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        return Ranked().Take(n).ToArray();
    }

    public CategoricalSketchState ToState()
    {
        // Sorted by name, so equal sketches give equal states whatever order the dictionary holds its entries in.
        var names = _counts.Keys.Order(StringComparer.Ordinal).ToArray();
        return new CategoricalSketchState(Cap, names, names.Select(n => _counts[n]).ToArray(), Other, Missing);
    }

    /// <summary>Restores a state made by <see cref="ToState"/>; throws an <see cref="ArgumentException"/> naming the first field that cannot be right.</summary>
    public static CategoricalSketch FromState(CategoricalSketchState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Cap < 1)
        {
            Reject($"Cap is {state.Cap}, below 1");
        }

        if (state.Names is null || state.Counts is null || state.Names.Length != state.Counts.Length)
        {
            Reject($"Names has {state.Names?.Length.ToString() ?? "no"} entries but Counts has {state.Counts?.Length.ToString() ?? "no"}");
        }

        if (state.Names.Length > state.Cap)
        {
            Reject($"Names has {state.Names.Length} entries, more than Cap {state.Cap}");
        }

        for (var i = 0; i < state.Names.Length; i++)
        {
            if (state.Names[i] is null || (i > 0 && string.CompareOrdinal(state.Names[i - 1], state.Names[i]) >= 0))
            {
                Reject($"Names[{i}] is null, repeated or out of ascending ordinal order");
            }

            if (state.Counts[i] < 1)
            {
                Reject($"Counts[{i}] is {state.Counts[i]}; a named category has been seen at least once");
            }
        }

        if (state.Other < 0 || state.Missing < 0)
        {
            Reject("Other and Missing cannot be negative");
        }

        var sketch = new CategoricalSketch(state.Cap) { Other = state.Other, Missing = state.Missing, Count = state.Other };
        sketch._counts.EnsureCapacity(state.Names.Length);
        for (var i = 0; i < state.Names.Length; i++)
        {
            sketch._counts.Add(state.Names[i], state.Counts[i]);
            sketch.Count += state.Counts[i];
        }

        return sketch;
    }

    // A new name. The dictionary would grow by doubling to the next prime (3, 7, 17, …), so a sketch that fills a cap of 8 would hold
    // 17 slots; grown here at most to the cap, it holds the smallest prime at or above it (11). Only the room changes, never a count.
    private void Name(string value, long count)
    {
        if (_counts.Count == _counts.EnsureCapacity(0))
        {
            _counts.EnsureCapacity(Math.Min(Cap, Math.Max(3, 2 * _counts.Count)));
        }

        _counts.Add(value, count);
    }

    private IEnumerable<CategoryCount> Ranked() =>
        _counts.Select(p => new CategoryCount(p.Key, p.Value)).OrderByDescending(c => c.Count).ThenBy(c => c.Name, StringComparer.Ordinal);

    [DoesNotReturn]
    private static void Reject(string message) =>
        throw new ArgumentException($"CategoricalSketch state is not valid: {message}; restore a state made by ToState, or start an empty sketch.", "state");
}
