using MathNet.Numerics.Statistics;
using OrleansCt.Core.Sketches;

namespace OrleansCt.Core.Tests.Sketches;

public sealed class NumericSketchTests
{
    [Fact]
    public void Missing_values_are_counted_apart_from_the_moments_and_quantiles()
    {
        // housing.csv leaves total_bedrooms empty on 207 of its 20640 rows (awk -F, 'NR>1 && $5==""' counts 207).
        var values = SketchData.Numeric("data/housing/housing.csv", "total_bedrooms");
        var present = values.Where(v => !double.IsNaN(v)).ToArray();
        var s = new NumericSketch();
        s.Add(values);

        Assert.Equal(207, s.Missing);
        Assert.Equal(20640 - 207, s.Count);
        Assert.Equal(Statistics.Mean(present), s.Moments.Mean, 1e-9 * Statistics.Mean(present));
        Assert.Equal(Statistics.PopulationVariance(present), s.Moments.Variance, 1e-9 * Statistics.PopulationVariance(present));
        Assert.Equal(present.Min(), s.Quantiles.Min);
        var median = present.Order().ElementAt(present.Length / 2); // exact, by sorting
        Assert.Equal(present.Count(v => v <= median) / (double)present.Length, s.Quantiles.Rank(median), QuantileSketch.RankErrorBound(200));
    }

    [Fact]
    public void Merged_chunks_count_the_same_as_the_whole_column()
    {
        var values = SketchData.Numeric("data/housing/housing.csv", "total_bedrooms");
        var whole = new NumericSketch();
        whole.Add(values);
        foreach (var chunks in new[] { 2, 7, 50 })
        {
            var merged = new NumericSketch();
            foreach (var chunk in SketchData.Chunks(values, chunks))
            {
                var part = new NumericSketch();
                part.Add(chunk);
                merged.Merge(part);
            }

            Assert.Equal(whole.Missing, merged.Missing);
            Assert.Equal(whole.Count, merged.Count);
            Assert.Equal(whole.Quantiles.Count, merged.Quantiles.Count);
            Assert.Equal(whole.Moments.Min, merged.Moments.Min);
            Assert.Equal(whole.Moments.Max, merged.Moments.Max);
            Assert.Equal(whole.Moments.Mean, merged.Moments.Mean, 1e-9 * whole.Moments.Mean);
            Assert.Equal(whole.Moments.M2, merged.Moments.M2, 1e-9 * whole.Moments.M2);
        }
    }

    [Fact]
    public void An_all_missing_column_has_counts_but_no_statistics()
    {
        var s = new NumericSketch();
        s.Add([double.NaN, double.NaN, double.NaN]);
        Assert.Equal(3, s.Missing);
        Assert.Equal(0, s.Count);
        Assert.True(double.IsNaN(s.Moments.Mean) && double.IsNaN(s.Quantiles.Quantile(0.5)));
        AssertSame(s.ToState(), NumericSketch.FromState(s.ToState()).ToState());
    }

    [Fact]
    public void One_value_and_missing_values_round_trip()
    {
        var s = new NumericSketch();
        s.Add([double.NaN, -2.5, double.NaN]);
        Assert.Equal((1L, 2L), (s.Count, s.Missing));
        Assert.Equal(-2.5, s.Quantiles.Quantile(0.5));
        Assert.Equal(0.0, s.Moments.Variance);
        AssertSame(s.ToState(), NumericSketch.FromState(s.ToState()).ToState());
    }

    [Fact]
    public void The_same_values_give_the_same_state_and_it_round_trips()
    {
        var values = SketchData.Numeric("data/elec2/elec2.csv", "vicdemand");
        var one = new NumericSketch();
        one.Add(values);
        var two = new NumericSketch();
        two.Add(values);
        AssertSame(one.ToState(), two.ToState());
        AssertSame(one.ToState(), NumericSketch.FromState(one.ToState()).ToState());
    }

    [Fact]
    public void Bad_states_and_mismatched_merges_are_refused_without_change()
    {
        var s = new NumericSketch(100);
        s.Add([1.0, 2.0]);
        var before = s.ToState();
        Assert.Throws<ArgumentException>(() => s.Merge(new NumericSketch(200)));
        AssertSame(before, s.ToState());
        Assert.Throws<ArgumentException>(() => NumericSketch.FromState(before with { Missing = -1 }));
        Assert.Throws<ArgumentException>(() => NumericSketch.FromState(before with { Count = 3 }));
    }

    internal static void AssertSame(NumericSketchState expected, NumericSketchState actual)
    {
        Assert.Equal((expected.Missing, expected.Count, expected.K, expected.Coin), (actual.Missing, actual.Count, actual.K, actual.Coin));
        Assert.Equal((expected.SamplingLevel, expected.BlockPosition, expected.BlockChoice, expected.Sampled), (actual.SamplingLevel, actual.BlockPosition, actual.BlockChoice, actual.Sampled));
        Assert.Equal(
            new[] { expected.Mean, expected.M2, expected.Min, expected.Max }.Select(BitConverter.DoubleToInt64Bits),
            new[] { actual.Mean, actual.M2, actual.Min, actual.Max }.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(expected.LevelSizes, actual.LevelSizes);
        Assert.Equal(expected.Items.Select(BitConverter.DoubleToInt64Bits), actual.Items.Select(BitConverter.DoubleToInt64Bits));
    }
}
