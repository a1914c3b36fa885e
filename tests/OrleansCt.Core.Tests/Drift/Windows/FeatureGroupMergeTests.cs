using OrleansCt.Core.Drift.Windows;

namespace OrleansCt.Core.Tests.Drift.Windows;

/// <summary>Merging the drift histories of feature groups, against the merged windows written out by hand.</summary>
public sealed class FeatureGroupMergeTests
{
    [Fact]
    public void Windows_of_the_first_group_take_the_features_and_skew_of_the_same_window_in_the_others()
    {
        // Group 0 scored windows (1..5) and (6..9); group 1 scored (1..5) and (10..12); group 2 scored (1..5) with no features.
        var group0 = new[] { Window(1, 5, [Column("a", true), Column("b", false)], [Column("a", false)]), Window(6, 9, [Column("a", false), Column("b", false)], []) };
        var group1 = new[] { Window(1, 5, [Column("c", true)], [Column("c", true)]), Window(10, 12, [Column("c", true)], []) };
        var group2 = new[] { Window(1, 5, [], []) };

        var merged = FeatureGroupMerge.Merge([group0, group1, group2]);

        // (1..5): a, b, c with 2 of 3 drifted → 2/3; skew a, c. (6..9): only group 0's a, b, none drifted → 0.
        // (10..12) is not in group 0, so it is not a window of the merge.
        Assert.Equal(2, merged.Length);
        Assert.Equal(["a", "b", "c"], merged[0].Features.Select(f => f.Name));
        Assert.Equal(["a", "c"], merged[0].Skew.Select(f => f.Name));
        Assert.Equal(2.0 / 3.0, merged[0].DriftedShare);
        Assert.Equal((6L, 9L), (merged[1].FirstSequence, merged[1].LastSequence));
        Assert.Equal(["a", "b"], merged[1].Features.Select(f => f.Name));
        Assert.Equal(0.0, merged[1].DriftedShare);
    }

    [Fact]
    public void A_single_group_keeps_its_windows_and_a_window_without_features_has_a_share_of_zero()
    {
        // The share given (0.9) is replaced: 1 of 4 drifted → 0.25; no features → 0, not 0/0.
        var merged = FeatureGroupMerge.Merge([[
            Window(1, 2, [Column("a", true), Column("b", false), Column("c", false), Column("d", false)], [], share: 0.9),
            Window(3, 4, [], [], share: 0.9),
        ]]);

        Assert.Equal([0.25, 0.0], merged.Select(w => w.DriftedShare));
    }

    private static DriftEvaluation Window(long first, long last, ColumnDrift[] features, ColumnDrift[] skew, double share = 0) =>
        new(1, null, null, first, last, 10, 1, features, null, null, skew, share, false);

    private static ColumnDrift Column(string name, bool drifted) =>
        new(name, "jensenshannon", drifted ? 0.5 : 0.01, 0.1, false, drifted, 10, new DriftScores(0, 0, 0, 0, 0, 1, null, null, null));
}
