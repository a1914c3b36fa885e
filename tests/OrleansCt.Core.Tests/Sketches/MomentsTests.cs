using MathNet.Numerics.Statistics;
using OrleansCt.Core.Sketches;

namespace OrleansCt.Core.Tests.Sketches;

public sealed class MomentsTests
{
    [Fact]
    public void Hand_worked_values_give_mean_variance_and_std()
    {
        // 2,4,4,4,5,5,7,9: sum 40, mean 5; squared deviations 9+1+1+1+0+0+4+16 = 32; population variance 32/8 = 4, sample 32/7, std 2.
        var m = Of(2, 4, 4, 4, 5, 5, 7, 9);
        Assert.Equal(8, m.Count);
        Assert.Equal(5.0, m.Mean);
        Assert.Equal(32.0, m.M2);
        Assert.Equal(4.0, m.Variance);
        Assert.Equal(32.0 / 7, m.SampleVariance, 15);
        Assert.Equal(2.0, m.Std);
        Assert.Equal(2.0, m.Min);
        Assert.Equal(9.0, m.Max);
    }

    [Fact]
    public void Chan_merge_matches_the_hand_worked_union()
    {
        // a = 1,2,3 (n 3, mean 2, M2 2); b = 10 (n 1, mean 10, M2 0). delta 8: mean 2 + 8·1/4 = 4; M2 = 2 + 0 + 8²·3·1/4 = 50.
        // Directly: 1,2,3,10 have mean 4 and deviations -3,-2,-1,6, so M2 = 9+4+1+36 = 50 and population variance 12.5.
        var a = Of(1, 2, 3);
        a.Merge(Of(10));
        Assert.Equal(4, a.Count);
        Assert.Equal(4.0, a.Mean);
        Assert.Equal(50.0, a.M2);
        Assert.Equal(12.5, a.Variance);
        Assert.Equal(1.0, a.Min);
        Assert.Equal(10.0, a.Max);
    }

    [Fact]
    public void Large_offsets_do_not_cancel()
    {
        // 1e9 + (4, 7, 13, 16): mean 1e9 + 10, deviations -6,-3,3,6, M2 90, population variance 22.5, sample 30.
        var m = Of(1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16);
        Assert.Equal(1e9 + 10, m.Mean);
        Assert.Equal(22.5, m.Variance, 9);
        Assert.Equal(30.0, m.SampleVariance, 9);
    }

    [Fact]
    public void Merging_means_at_opposite_ends_of_the_range_keeps_the_mean_finite_and_saturates_M2()
    {
        // −M merged with M, M, M (M = double.MaxValue): the mean is (−M + 3M) / 4 = M/2; the deviations are −1.5M and three 0.5M, so
        // M2 = 2.25M² + 3·0.25M² = 3M², beyond a double: +∞. The means' difference 2M overflows, and so does its half doubled by
        // weight 3/4 (1.5M): the step must add the half's share twice instead.
        var a = Of(-double.MaxValue);
        a.Merge(Of(double.MaxValue, double.MaxValue, double.MaxValue));
        Assert.Equal(4, a.Count);
        Assert.True(Math.Abs(a.Mean - (double.MaxValue / 2)) <= double.MaxValue * 1e-15, $"mean {a.Mean:R}: M/2 within a few ulps of the halved step's rounding");
        Assert.Equal(double.PositiveInfinity, a.M2);
        Assert.Equal(-double.MaxValue, a.Min);
        Assert.Equal(double.MaxValue, a.Max);
    }

    [Theory]
    [InlineData("data/elec2/elec2.csv", "nswdemand")]
    [InlineData("data/housing/housing.csv", "median_house_value")]
    public void Merged_chunks_match_MathNet_on_the_whole_column(string file, string column)
    {
        var values = SketchData.Numeric(file, column);
        foreach (var chunks in new[] { 1, 2, 7, 50 })
        {
            var merged = new Moments();
            foreach (var chunk in SketchData.Chunks(values, chunks))
            {
                merged.Merge(Of(chunk));
            }

            Assert.Equal(values.Length, merged.Count);
            Assert.Equal(Statistics.Mean(values), merged.Mean, 1e-9 * Math.Abs(Statistics.Mean(values)));
            Assert.Equal(Statistics.PopulationVariance(values), merged.Variance, 1e-9 * Statistics.PopulationVariance(values));
            Assert.Equal(Statistics.Variance(values), merged.SampleVariance, 1e-9 * Statistics.Variance(values));
            Assert.Equal(values.Min(), merged.Min);
            Assert.Equal(values.Max(), merged.Max);
        }
    }

    [Fact]
    public void An_empty_sketch_has_no_mean_and_merging_it_changes_nothing()
    {
        var empty = new Moments();
        Assert.Equal(0, empty.Count);
        Assert.True(double.IsNaN(empty.Mean) && double.IsNaN(empty.Variance) && double.IsNaN(empty.Min) && double.IsNaN(empty.Max));

        var m = Of(1, 2, 3);
        var before = m.ToState();
        m.Merge(new Moments());
        Assert.Equal(before, m.ToState());

        var fromEmpty = new Moments();
        fromEmpty.Merge(m);
        Assert.Equal(before, fromEmpty.ToState());
    }

    [Fact]
    public void One_value_has_zero_spread_and_no_sample_variance()
    {
        var m = Of(7.5);
        Assert.Equal(7.5, m.Mean);
        Assert.Equal(0.0, m.Variance);
        Assert.True(double.IsNaN(m.SampleVariance));
    }

    [Fact]
    public void NaN_is_refused_and_leaves_the_sketch_as_it_was()
    {
        var m = Of(1, 2);
        Assert.Throws<ArgumentException>(() => m.Add(double.NaN));
        Assert.Equal(new MomentsState(2, 1.5, 0.5, 1, 2), m.ToState());
    }

    [Fact]
    public void State_round_trips_and_bad_states_are_refused()
    {
        var m = Of(0.1, 0.7, 0.3);
        Assert.Equal(m.ToState(), Moments.FromState(m.ToState()).ToState());
        Assert.Equal(new Moments().ToState(), Moments.FromState(new Moments().ToState()).ToState());
        Assert.Throws<ArgumentException>(() => Moments.FromState(new MomentsState(-1, 0, 0, 0, 0)));
        Assert.Throws<ArgumentException>(() => Moments.FromState(new MomentsState(2, 1, 0.5, 2, 1)));
        Assert.Throws<ArgumentException>(() => Moments.FromState(new MomentsState(2, 1, -0.5, 0, 2)));
        Assert.Throws<ArgumentException>(() => Moments.FromState(new MomentsState(0, 0, 0, 0, 0)));
    }

    private static Moments Of(params double[] values)
    {
        var m = new Moments();
        foreach (var x in values)
        {
            m.Add(x);
        }

        return m;
    }
}
