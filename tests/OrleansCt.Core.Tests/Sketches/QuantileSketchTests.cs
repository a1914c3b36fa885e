using OrleansCt.Core.Sketches;

namespace OrleansCt.Core.Tests.Sketches;

public sealed class QuantileSketchTests
{
    [Fact]
    public void Below_the_first_compaction_quantiles_and_ranks_are_exact()
    {
        // 1..100 with k 200 never compacts (the first compaction comes at 200 items). The smallest v with #(x <= v) >= q·100:
        // q 0.5 → 50, 0.25 → 25, 0.01 → 1, 0.999 → 100; ranks: #(x <= 50)/100 = #(x <= 50.5)/100 = 0.5, #(x <= 75)/100 = 0.75, #(x <= 0.5) = 0,
        // #(x <= 100.5)/100 = 1.
        var s = Of(Enumerable.Range(1, 100).Reverse().Select(i => (double)i));
        Assert.Equal(100, s.Count);
        Assert.Equal(50.0, s.Quantile(0.5));
        Assert.Equal(25.0, s.Quantile(0.25));
        Assert.Equal(1.0, s.Quantile(0.01));
        Assert.Equal(100.0, s.Quantile(0.999));
        Assert.Equal(1.0, s.Quantile(0));
        Assert.Equal(100.0, s.Quantile(1));
        Assert.Equal(0.5, s.Rank(50));
        Assert.Equal(0.5, s.Rank(50.5));
        Assert.Equal(0.75, s.Rank(75));
        Assert.Equal(0.0, s.Rank(0.5));
        Assert.Equal(1.0, s.Rank(100.5));
        Assert.Equal(100, s.RetainedItems);
    }

    [Fact]
    public void Memory_stays_bounded_and_min_max_and_count_stay_exact()
    {
        // A falling sawtooth: the minimum and maximum arrive at different times and most items are compacted away.
        var s = new QuantileSketch();
        for (var i = 0; i < 200_000; i++)
        {
            s.Add((i * 7919 % 100_003) - 50_000.5);
        }

        Assert.Equal(200_000, s.Count);
        Assert.Equal(-50_000.5, s.Min);
        Assert.Equal(100_002 - 50_000.5, s.Max);
        Assert.True(s.RetainedItems < 3 * QuantileSketch.DefaultK + 200, $"{s.RetainedItems} items held");
    }

    [Fact]
    public void An_empty_sketch_answers_NaN_and_merging_it_changes_nothing()
    {
        var empty = new QuantileSketch();
        Assert.Equal(0, empty.Count);
        Assert.True(double.IsNaN(empty.Quantile(0.5)) && double.IsNaN(empty.Rank(1)) && double.IsNaN(empty.Min) && double.IsNaN(empty.Max));

        var s = Of([3, 1, 2]);
        var before = s.ToState();
        s.Merge(new QuantileSketch());
        AssertSame(before, s.ToState());

        var fromEmpty = new QuantileSketch();
        fromEmpty.Merge(s);
        // Of 3, 1, 2 one value is at most 1.5, and 2 is the smallest with #(x <= v) >= 1.5.
        Assert.Equal(1.0 / 3, fromEmpty.Rank(1.5), 15);
        Assert.Equal(2.0, fromEmpty.Quantile(0.5));
    }

    [Fact]
    public void One_value_is_every_quantile()
    {
        var s = Of([4.25]);
        Assert.All(new[] { 0.0, 0.01, 0.5, 0.99, 1.0 }, q => Assert.Equal(4.25, s.Quantile(q)));
        Assert.Equal(1.0, s.Rank(4.25));
        Assert.Equal(0.0, s.Rank(4.0));
    }

    [Fact]
    public void NaN_values_ranks_and_bad_arguments_are_refused()
    {
        var s = Of([1, 2]);
        Assert.Throws<ArgumentException>(() => s.Add(double.NaN));
        Assert.Throws<ArgumentException>(() => s.Rank(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => s.Quantile(1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => s.Quantile(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new QuantileSketch(4));
        Assert.Equal(2, s.Count);
    }

    [Fact]
    public void A_sketch_with_a_larger_k_does_not_merge_into_one_with_a_smaller_k()
    {
        var error = Assert.Throws<ArgumentException>(() => new QuantileSketch(100).Merge(Of([1])));
        Assert.Contains("k = 200", error.Message);
    }

    [Fact]
    public void Merging_a_sketch_into_itself_doubles_its_counts()
    {
        var values = Enumerable.Range(0, 5000).Select(i => (double)(i % 1000)).ToArray();
        var s = Of(values);
        s.Merge(s);
        Assert.Equal(10_000, s.Count);

        // Each of 0..999 appears 10 times in the doubled stream, so #(x <= 499)/10000 = 0.5.
        Assert.InRange(s.Rank(499), 0.5 - QuantileSketch.RankErrorBound(200), 0.5 + QuantileSketch.RankErrorBound(200));
        AssertSame(s.ToState(), QuantileSketch.FromState(s.ToState()).ToState());
    }

    [Fact]
    public void The_same_values_in_the_same_order_give_the_same_state()
    {
        var values = SketchData.Numeric("data/elec2/elec2.csv", "nswprice");
        var one = Of(values);
        var two = Of(values);
        AssertSame(one.ToState(), two.ToState());

        var merged = MergeOf(values, 7);
        var again = MergeOf(values, 7);
        AssertSame(merged.ToState(), again.ToState());
    }

    [Fact]
    public void State_round_trips_bit_for_bit_and_answers_the_same()
    {
        var values = SketchData.Numeric("data/housing/housing.csv", "median_income");
        var s = Of(values);
        var restored = QuantileSketch.FromState(s.ToState());
        AssertSame(s.ToState(), restored.ToState());
        Assert.Equal(s.Quantile(0.37), restored.Quantile(0.37));

        // The restored sketch must also go on exactly as the original does.
        foreach (var x in values.Take(5000))
        {
            s.Add(x);
            restored.Add(x);
        }

        AssertSame(s.ToState(), restored.ToState());
        AssertSame(new QuantileSketch().ToState(), QuantileSketch.FromState(new QuantileSketch().ToState()).ToState());
    }

    [Fact]
    public void States_that_cannot_be_right_are_refused()
    {
        var good = Of(Enumerable.Range(0, 1000).Select(i => (double)i)).ToState();
        Assert.Throws<ArgumentException>(() => QuantileSketch.FromState(good with { Count = good.Count + 1 }));
        Assert.Throws<ArgumentException>(() => QuantileSketch.FromState(good with { K = 2 }));
        Assert.Throws<ArgumentException>(() => QuantileSketch.FromState(good with { Items = good.Items[1..] }));
        Assert.Throws<ArgumentException>(() => QuantileSketch.FromState(good with { Min = 10 }));
        Assert.Throws<ArgumentException>(() => QuantileSketch.FromState(good with { LevelSizes = [] }));
        Assert.Throws<ArgumentException>(() => QuantileSketch.FromState(good with { Items = [.. good.Items[1..], double.NaN] }));
    }

    internal static QuantileSketch Of(IEnumerable<double> values)
    {
        var s = new QuantileSketch();
        foreach (var x in values)
        {
            s.Add(x);
        }

        return s;
    }

    internal static QuantileSketch MergeOf(double[] values, int chunks)
    {
        var merged = new QuantileSketch();
        foreach (var chunk in SketchData.Chunks(values, chunks))
        {
            merged.Merge(Of(chunk));
        }

        return merged;
    }

    internal static void AssertSame(QuantileSketchState expected, QuantileSketchState actual)
    {
        Assert.Equal((expected.K, expected.Count, expected.Coin), (actual.K, actual.Count, actual.Coin));
        Assert.Equal((expected.SamplingLevel, expected.BlockPosition, expected.BlockChoice, expected.Sampled), (actual.SamplingLevel, actual.BlockPosition, actual.BlockChoice, actual.Sampled));
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Min), BitConverter.DoubleToInt64Bits(actual.Min));
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Max), BitConverter.DoubleToInt64Bits(actual.Max));
        Assert.Equal(expected.LevelSizes, actual.LevelSizes);
        Assert.Equal(expected.Items.Select(BitConverter.DoubleToInt64Bits), actual.Items.Select(BitConverter.DoubleToInt64Bits));
    }
}
