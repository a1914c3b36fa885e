namespace OrleansCt.Core.Sketches;

/// <summary>Counts categories in bins fixed by the reference: one per reference category, then one "unseen" bin; null is missing.</summary>
public sealed class CategoricalHistogram : FixedHistogram
{
    private readonly string[] _categories;
    private readonly Dictionary<string, int> _categoryBins;

    /// <summary>A histogram with one bin per reference category (distinct, not null) and a last "unseen" bin.</summary>
    public CategoricalHistogram(IReadOnlyList<string> categories)
        : this(Checked(categories), null, 0)
    {
    }

    private CategoricalHistogram(string[] categories, long[]? counts, long missing)
        : base(counts ?? new long[categories.Length + 1], missing)
    {
        _categories = categories;
        _categoryBins = new Dictionary<string, int>(categories.Length, StringComparer.Ordinal);
        for (var i = 0; i < categories.Length; i++)
        {
            _categoryBins.Add(categories[i], i);
        }
    }

    // Bins are immutable, so copies share them: a bucket's histogram costs only its counts.
    private CategoricalHistogram(CategoricalHistogram bins)
        : base(new long[bins.Bins.Length], 0)
    {
        _categories = bins._categories;
        _categoryBins = bins._categoryBins;
    }

    /// <summary>Reference categories in bin order.</summary>
    public IReadOnlyList<string> Categories => _categories;

    /// <summary>Counts one category; null is missing and a category outside the reference goes to the unseen bin.</summary>
    public void Add(string? value)
    {
        if (value is null)
        {
            Missing++;
            return;
        }

        Bins[_categoryBins.TryGetValue(value, out var bin) ? bin : _categories.Length]++;
        Counted++;
    }

    /// <summary>Counts <paramref name="count"/> values equal to the category <paramref name="value"/>, as that many <see cref="Add(string?)"/> of it.</summary>
    public void Add(string? value, long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (value is null)
        {
            Missing += count;
            return;
        }

        Bins[_categoryBins.TryGetValue(value, out var bin) ? bin : _categories.Length] += count;
        Counted += count;
    }

    public override FixedHistogramState ToState() => new(true, [], (string[])_categories.Clone(), (long[])Bins.Clone(), Missing);

    /// <summary>A histogram with the same bins and nothing counted.</summary>
    public override CategoricalHistogram EmptyCopy() => new(this);

    /// <summary>Restores a categorical state made by <see cref="ToState"/>; throws an <see cref="ArgumentException"/> naming the first field that cannot be right.</summary>
    public static new CategoricalHistogram FromState(FixedHistogramState state)
    {
        CheckPresent(state);
        if (!state.IsCategorical || state.Edges.Length > 0)
        {
            Reject(state.IsCategorical ? "a categorical histogram has no Edges" : "a categorical histogram is not numeric");
        }

        if (CategoryProblem(state.Categories) is { } problem)
        {
            Reject(problem);
        }

        var counts = CheckedCounts(state, state.Categories.Length + 1);
        return new CategoricalHistogram((string[])state.Categories.Clone(), counts, state.Missing) { Counted = counts.Sum() };
    }

    private protected override string? Mismatch(FixedHistogram other)
    {
        if (other is not CategoricalHistogram categorical)
        {
            return "one is categorical and the other numeric";
        }

        if (_categories.Length != categorical._categories.Length)
        {
            return $"{_categories.Length} categories against {categorical._categories.Length}";
        }

        for (var i = 0; i < _categories.Length; i++)
        {
            if (!string.Equals(_categories[i], categorical._categories[i], StringComparison.Ordinal))
            {
                return $"category {i} is '{_categories[i]}' against '{categorical._categories[i]}'";
            }
        }

        return null;
    }

    private static string[] Checked(IReadOnlyList<string> categories)
    {
        ArgumentNullException.ThrowIfNull(categories);
        var copy = categories.ToArray();
        if (CategoryProblem(copy) is { } problem)
        {
            throw new ArgumentException($"{problem}; give distinct, non-null reference categories.", nameof(categories));
        }

        return copy;
    }

    private static string? CategoryProblem(string[] categories)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < categories.Length; i++)
        {
            if (categories[i] is null)
            {
                return $"category {i} is null";
            }

            if (!seen.Add(categories[i]))
            {
                return $"category {i} ('{categories[i]}') is repeated";
            }
        }

        return null;
    }
}
