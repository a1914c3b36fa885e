using OrleansCt.Core.Sketches;

namespace OrleansCt.Core.Tests.Sketches;

public sealed class CategoricalSketchTests
{
    [Fact]
    public void Categories_past_the_cap_go_to_other_and_nulls_to_missing()
    {
        // Cap 2: a and b take the names first, so c's three values go to Other.
        var s = Of(2, "a", "a", "b", "c", "c", null, "c");
        Assert.Equal(2, s.CountOf("a"));
        Assert.Equal(1, s.CountOf("b"));
        Assert.Equal(0, s.CountOf("c"));
        Assert.Equal(3, s.Other);
        Assert.Equal(1, s.Missing);
        Assert.Equal(6, s.Count);
        Assert.Equal([new CategoryCount("a", 2), new CategoryCount("b", 1)], s.Top(5));
    }

    [Fact]
    public void Merging_past_the_cap_keeps_the_highest_counts()
    {
        // Union: a 5, c 4, b 1+1 = 2. Cap 2 keeps a and c; b's 2 moves to Other, which bounds it: 0 <= 2 <= 0 + 2.
        var s = Of(2, "a", "a", "a", "a", "a", "b");
        s.Merge(Of(2, "c", "c", "c", "c", "b"));
        Assert.Equal([new CategoryCount("a", 5), new CategoryCount("c", 4)], s.Top(3));
        Assert.Equal(2, s.Other);
        Assert.Equal(11, s.Count);
    }

    [Fact]
    public void Ties_at_the_cap_keep_the_ordinally_first_names()
    {
        // x, y and z all have 3; cap 2 keeps x and y (ordinal order) and moves z's 3 to Other.
        var s = Of(2, "z", "y", "z", "y", "z", "y");
        s.Merge(Of(2, "x", "x", "x"));
        Assert.Equal([new CategoryCount("x", 3), new CategoryCount("y", 3)], s.Top(2));
        Assert.Equal(3, s.Other);
    }

    [Fact]
    public void Top_orders_by_count_then_ordinal_name()
    {
        // Ordinal: "B" (66) sorts before "a" (97).
        var s = Of(64, "b", "a", "c", "c", "a", "b", "c", "B", "B");
        Assert.Equal([new CategoryCount("c", 3), new CategoryCount("B", 2), new CategoryCount("a", 2)], s.Top(3));
        Assert.Empty(s.Top(0));
    }

    [Fact]
    public void Under_the_cap_merged_chunks_equal_the_whole_stream_and_the_exact_counts()
    {
        var values = SketchData.Categorical("data/housing/housing.csv", "ocean_proximity");
        var whole = Of(64, values);
        var exact = values.GroupBy(v => v!).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(exact.Count, whole.Distinct);
        Assert.All(exact, e => Assert.Equal(e.Value, whole.CountOf(e.Key)));
        foreach (var chunks in new[] { 2, 7, 50 })
        {
            var merged = new CategoricalSketch();
            foreach (var chunk in SketchData.Chunks(values, chunks))
            {
                merged.Merge(Of(64, chunk));
            }

            AssertSame(whole.ToState(), merged.ToState());
        }
    }

    [Fact]
    public void Past_the_cap_every_true_count_lies_within_other_of_its_named_count()
    {
        // housing_median_age has 52 distinct values; a cap of 10 over 50 chunks evicts most of them.
        var values = SketchData.Numeric("data/housing/housing.csv", "housing_median_age").Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var exact = values.GroupBy(v => v).ToDictionary(g => g.Key, g => (long)g.Count());
        var merged = new CategoricalSketch(10);
        foreach (var chunk in SketchData.Chunks(values, 50))
        {
            merged.Merge(Of(10, chunk));
        }

        Assert.Equal(values.Length, merged.Count);
        Assert.Equal(10, merged.Distinct);
        Assert.All(exact, e => Assert.InRange(e.Value, merged.CountOf(e.Key), merged.CountOf(e.Key) + merged.Other));
    }

    [Fact]
    public void Empty_and_all_missing_sketches_round_trip()
    {
        var empty = new CategoricalSketch();
        Assert.Equal((0L, 0L, 0L), (empty.Count, empty.Missing, empty.Other));
        Assert.Empty(empty.Top(3));
        AssertSame(empty.ToState(), CategoricalSketch.FromState(empty.ToState()).ToState());

        var missing = Of(64, null, null);
        Assert.Equal((0L, 2L), (missing.Count, missing.Missing));
        AssertSame(missing.ToState(), CategoricalSketch.FromState(missing.ToState()).ToState());
    }

    [Fact]
    public void The_same_values_give_the_same_state_and_it_round_trips()
    {
        var values = SketchData.Categorical("data/elec2/elec2.csv", "nswprice");
        var one = Of(64, values);
        AssertSame(one.ToState(), Of(64, values).ToState());
        var restored = CategoricalSketch.FromState(one.ToState());
        AssertSame(one.ToState(), restored.ToState());
        Assert.Equal(one.Top(64), restored.Top(64));
    }

    [Fact]
    public void Bad_states_and_mismatched_merges_are_refused()
    {
        var good = Of(3, "a", "b").ToState();
        Assert.Throws<ArgumentException>(() => CategoricalSketch.FromState(good with { Names = ["b", "a"] }));
        Assert.Throws<ArgumentException>(() => CategoricalSketch.FromState(good with { Names = ["a", "a"] }));
        Assert.Throws<ArgumentException>(() => CategoricalSketch.FromState(good with { Counts = [1] }));
        Assert.Throws<ArgumentException>(() => CategoricalSketch.FromState(good with { Counts = [1, 0] }));
        Assert.Throws<ArgumentException>(() => CategoricalSketch.FromState(good with { Cap = 1 }));
        Assert.Throws<ArgumentException>(() => CategoricalSketch.FromState(good with { Other = -1 }));
        Assert.Throws<ArgumentException>(() => Of(3, "a").Merge(Of(4, "a")));
    }

    private static CategoricalSketch Of(int cap, params string?[] values)
    {
        var s = new CategoricalSketch(cap);
        foreach (var v in values)
        {
            s.Add(v);
        }

        return s;
    }

    private static void AssertSame(CategoricalSketchState expected, CategoricalSketchState actual)
    {
        Assert.Equal((expected.Cap, expected.Other, expected.Missing), (actual.Cap, actual.Other, actual.Missing));
        Assert.Equal(expected.Names, actual.Names);
        Assert.Equal(expected.Counts, actual.Counts);
    }
}
