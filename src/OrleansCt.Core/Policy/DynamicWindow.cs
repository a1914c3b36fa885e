namespace OrleansCt.Core.Policy;

/// <summary>
/// A window chosen per retrain: each of <paramref name="Candidates"/> (ascending, in <paramref name="Unit"/>, each counting the
/// held-out rows too) is trained on all but its newest <paramref name="HoldoutRows"/> and scored on those; the best wins, and a
/// difference within one standard error goes to the longer candidate, which has the smaller variance.
/// </summary>
public sealed record DynamicWindow(WindowUnit Unit, IReadOnlyList<double> Candidates, int HoldoutRows) : PolicyWindow
{
    /// <summary>The seed's "take 5,000 new records as test data".</summary>
    public const int DefaultHoldoutRows = 5_000;

    /// <summary>Two to twenty times the held-out rows, the last twice an on-demand retrain's default.</summary>
    public static IReadOnlyList<double> DefaultCandidates { get; } = [10_000, 20_000, 50_000, 100_000];

    public static DynamicWindow Default { get; } = new(WindowUnit.Rows, DefaultCandidates, DefaultHoldoutRows);

    // A record compares lists by reference; a policy read back from its JSON must equal the one written.
    public bool Equals(DynamicWindow? other) =>
        other is not null && Unit == other.Unit && HoldoutRows == other.HoldoutRows && Candidates.SequenceEqual(other.Candidates);

    public override int GetHashCode() => HashCode.Combine(Unit, HoldoutRows, Candidates.Count);
}
