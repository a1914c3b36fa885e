using OrleansCt.Core.Drift.Multivariate;
using static OrleansCt.Core.Tests.Drift.Multivariate.MultivariateData;
using MathNetStatistics = MathNet.Numerics.Statistics.Statistics;

namespace OrleansCt.Core.Tests.Drift.Multivariate;

public sealed class CoMomentsTests
{
    [Fact]
    public void Three_rows_give_the_hand_worked_mean_and_covariance()
    {
        // (1,2), (2,3), (3,7): mean (2, 4); deviations x −1,0,1 and y −2,−1,3; C = [[1+0+1, 2+0+3], [5, 4+1+9]] = [[2, 5], [5, 14]];
        // population covariance C/3.
        var m = Of([1, 2], [2, 3], [3, 7]);
        Assert.Equal(3, m.Count);
        Assert.Equal([2.0, 4.0], m.Mean);
        Assert.Equal(2.0, m.CoMoment(0, 0), 1e-14);
        Assert.Equal(5.0, m.CoMoment(0, 1), 1e-14);
        Assert.Equal(5.0, m.CoMoment(1, 0), 1e-14);
        Assert.Equal(14.0, m.CoMoment(1, 1), 1e-14);
        var covariance = m.Covariance();
        Assert.Equal(2.0 / 3, covariance[0, 0], 1e-15);
        Assert.Equal(5.0 / 3, covariance[0, 1], 1e-15);
        Assert.Equal(5.0 / 3, covariance[1, 0], 1e-15);
        Assert.Equal(14.0 / 3, covariance[1, 1], 1e-15);
    }

    [Fact]
    public void Merged_halves_equal_one_pass_and_MathNet_population_covariance()
    {
        var rows = Rows(1000, 7, normal =>
        {
            var (a, b) = (normal(), normal());
            return [1e6 + a, (3 * a) - b + 50, (0.5 * b) - 2];
        });
        var whole = Of(3, rows);
        var merged = Of(3, rows.Take(377));
        merged.Merge(Of(3, rows.Skip(377)));

        Assert.Equal(whole.Count, merged.Count);
        for (var i = 0; i < 3; i++)
        {
            var column = Column(rows, i);
            Assert.Equal(MathNetStatistics.Mean(column), merged.Mean[i], 1e-12 * Math.Max(1, Math.Abs(merged.Mean[i])));
            Assert.Equal(whole.Mean[i], merged.Mean[i], 1e-12 * Math.Max(1, Math.Abs(merged.Mean[i])));
            for (var j = 0; j < 3; j++)
            {
                var expected = MathNetStatistics.PopulationCovariance(column, Column(rows, j));
                Assert.Equal(expected, merged.Covariance()[i, j], 1e-10);
                Assert.Equal(whole.Covariance()[i, j], merged.Covariance()[i, j], 1e-10);
            }
        }
    }

    [Fact]
    public void Rows_with_a_missing_or_infinite_value_are_skipped_and_counted()
    {
        var rows = Of([1, 2], [double.NaN, 5], [2, 3], [4, double.PositiveInfinity], [3, 7]);
        var columns = new CoMoments(2);
        double[][] data = [[1, double.NaN, 2, 4, 3], [2, 5, 3, double.PositiveInfinity, 7]];
        for (var r = 0; r < 5; r++)
        {
            columns.Add(data, r);
        }

        foreach (var m in new[] { rows, columns })
        {
            Assert.Equal(3, m.Count);
            Assert.Equal(2, m.Skipped);
            Assert.Equal([2.0, 4.0], m.Mean);
            Assert.Equal(5.0, m.CoMoment(0, 1), 1e-14);
        }
    }

    [Fact]
    public void An_empty_side_changes_nothing_but_the_skipped_count()
    {
        var empty = new CoMoments(2);
        Assert.True(empty.Mean.All(double.IsNaN) && double.IsNaN(empty.Covariance()[0, 1]));
        empty.Add([double.NaN, 1]);

        var m = Of([1, 2], [2, 3], [3, 7]);
        var before = m.ToState();
        m.Merge(empty);
        Assert.Equal(before.Mean, m.ToState().Mean);
        Assert.Equal(before.CoMoments, m.ToState().CoMoments);
        Assert.Equal(1, m.Skipped);

        var other = new CoMoments(2);
        other.Merge(m);
        Assert.Equal(before.CoMoments, other.ToState().CoMoments);
    }

    [Fact]
    public void State_round_trips_and_the_restored_copy_keeps_counting()
    {
        var m = Of([1, 2], [2, 3], [3, 7]);
        m.Add([double.NaN, 0]);
        var restored = CoMoments.FromState(m.ToState());
        Assert.Equal(m.ToState().Count, restored.ToState().Count);
        Assert.Equal(1, restored.Skipped);
        Assert.Equal(m.ToState().Mean, restored.ToState().Mean);
        Assert.Equal(m.ToState().CoMoments, restored.ToState().CoMoments);

        // Adding (6, 0) to the hand-worked three rows: mean (3, 3); x deviations −2,−1,0,3 and y −1,0,4,−3: C = [[4+1+0+9, 2+0+0−9], [−7, 1+0+16+9]] = [[14, −7], [−7, 26]].
        restored.Add([6, 0]);
        Assert.Equal([3.0, 3.0], restored.Mean);
        Assert.Equal(14.0, restored.CoMoment(0, 0), 1e-13);
        Assert.Equal(-7.0, restored.CoMoment(0, 1), 1e-13);
        Assert.Equal(26.0, restored.CoMoment(1, 1), 1e-13);
    }

    [Theory]
    [InlineData(0, 1, new[] { 0.0 }, new[] { 0.0 }, "Dimensions")]
    [InlineData(2, -1, new[] { 0.0, 0.0 }, new[] { 0.0, 0.0, 0.0 }, "Count")]
    [InlineData(2, 3, new[] { 0.0 }, new[] { 0.0, 0.0, 0.0 }, "Mean has 1 values")]
    [InlineData(2, 3, new[] { 0.0, 0.0 }, new[] { 0.0, 0.0 }, "CoMoments has 2 values")]
    [InlineData(2, 0, new[] { 1.0, 1.0 }, new[] { 0.0, 0.0, 0.0 }, "Count is 0")]
    [InlineData(2, 3, new[] { 0.0, 0.0 }, new[] { 1.0, 0.0, -1.0 }, "CoMoments diagonal 1")]
    [InlineData(2, 3, new[] { double.NaN, 0.0 }, new[] { 1.0, 0.0, 1.0 }, "finite")]
    public void A_state_that_cannot_be_right_is_refused_naming_the_field(int dimensions, long count, double[] mean, double[] coMoments, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => CoMoments.FromState(new CoMomentsState(dimensions, count, 0, mean, coMoments)));
        Assert.Contains(expected, e.Message);
        Assert.Equal("state", e.ParamName);
    }

    [Fact]
    public void Rows_and_merges_of_other_widths_are_refused()
    {
        var m = new CoMoments(2);
        Assert.Throws<ArgumentException>(() => m.Add([1.0, 2, 3]));
        Assert.Throws<ArgumentException>(() => m.Merge(new CoMoments(3)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CoMoments(0));
    }
}
