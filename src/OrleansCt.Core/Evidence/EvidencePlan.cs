namespace OrleansCt.Core.Evidence;

/// <summary>
/// When a challenger's paired evidence is looked at: first at <paramref name="MinLabelled"/> labelled events, then every
/// <paramref name="LookEvery"/> more, up to <paramref name="MaxLabelled"/>, where the comparison ends; the two-sided level over all
/// looks is <paramref name="Alpha"/>, spent by <see cref="AlphaSpending.OBrienFleming"/>.
/// </summary>
public sealed record EvidencePlan(long MinLabelled, long LookEvery, long MaxLabelled, double Alpha = 0.05)
{
    /// <summary>The looks there are: MinLabelled, MinLabelled + LookEvery, … and MaxLabelled.</summary>
    public int Looks => (int)((MaxLabelled - MinLabelled + LookEvery - 1) / LookEvery) + 1;

    /// <summary>The labelled events at look <paramref name="look"/> (1-based); the last is MaxLabelled.</summary>
    public long LabelledAt(int look) => Math.Min(MaxLabelled, MinLabelled + ((look - 1) * LookEvery));

    /// <summary>
    /// The level a look is tested at: the α spent between the previous look's information fraction and this one's. The levels sum to
    /// <see cref="Alpha"/>, so by the union bound the chance of any decision under the null, over all looks, is at most α.
    /// </summary>
    public double LevelAt(int look) =>
        AlphaSpending.OBrienFleming(Alpha, (double)LabelledAt(look) / MaxLabelled)
        - (look == 1 ? 0 : AlphaSpending.OBrienFleming(Alpha, (double)LabelledAt(look - 1) / MaxLabelled));

    /// <summary>Problems with the plan, each naming its field; empty when it is valid.</summary>
    public IReadOnlyList<(string Field, string Problem)> Problems()
    {
        var problems = new List<(string, string)>();
        if (MinLabelled < 1)
        {
            problems.Add(("minLabelled", $"must be at least 1, not {MinLabelled}"));
        }

        if (LookEvery < 1)
        {
            problems.Add(("lookEvery", $"must be at least 1 labelled event, not {LookEvery}"));
        }

        if (MaxLabelled < MinLabelled)
        {
            problems.Add(("maxLabelled", $"must be at least minLabelled ({MinLabelled}), not {MaxLabelled}"));
        }

        if (!(Alpha is > 0 and < 0.5))
        {
            problems.Add(("alpha", $"must be in (0, 0.5), not {Alpha}"));
        }

        return problems;
    }
}
