using OrleansCt.Core.Schema;
using OrleansCt.Core.Drift.Windows;
using OrleansCt.Core.Sketches;

namespace OrleansCt.Core.Tests.Drift.Windows;

/// <summary>The fixed bins of a numeric reference (drift-statistics.md, "Binning for a stream"), checked against hand-worked edges.</summary>
public sealed class ReferenceBinsTests
{
    [Fact]
    public void A_constant_reference_gets_a_point_bin_with_values_below_and_above_it_in_underflow_and_overflow()
    {
        var bins = ReferenceBins.Numeric([3.0, 3.0, double.NaN, 3.0], 10);

        // A point bin [3, next double after 3): one edge at the value and one just above it.
        Assert.Equal([3.0, Math.BitIncrement(3.0)], bins.Edges);
        bins.Add(2.999);
        bins.Add(3.0);
        bins.Add(3.0);
        bins.Add(3.001);
        Assert.Equal([1L, 2L, 1L], bins.Counts);
    }

    [Fact]
    public void Five_distinct_values_get_one_bin_each_with_gap_bins_between()
    {
        var bins = ReferenceBins.Numeric([7.0, 1.0, 2.0, 2.0, 5.0], 10);

        Assert.Equal([1.0, Math.BitIncrement(1.0), 2.0, Math.BitIncrement(2.0), 5.0, Math.BitIncrement(5.0), 7.0, Math.BitIncrement(7.0)], bins.Edges);
        foreach (var v in new[] { 7.0, 1.0, 2.0, 2.0, 5.0, 1.5, 0.0, 8.0 })
        {
            bins.Add(v);
        }

        // Bins: <1, [1], (1, 2), [2], (2, 5), [5], (5, 7), [7], >7. 1.5 falls in the gap between 1 and 2.
        Assert.Equal([1L, 1L, 1L, 2L, 0L, 1L, 0L, 1L, 1L], bins.Counts);
    }

    [Fact]
    public void Six_distinct_values_are_binned_by_quantiles_not_one_bin_each()
    {
        var bins = ReferenceBins.Numeric([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], 10);

        // numpy linear quantile of 1..6 at i/10: position 5·i/10, so 1 + 0.5·i:
        // python3 -c "import numpy as np; print(np.quantile(np.arange(1, 7), np.arange(1, 10) / 10))"  ->  [1.5 2. 2.5 3. 3.5 4. 4.5 5. 5.5]
        Assert.Equal([1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0, 5.5, Math.BitIncrement(6.0)], bins.Edges);
    }

    [Fact]
    public void One_to_a_hundred_in_ten_bins_has_edges_at_min_the_numpy_deciles_and_just_above_max()
    {
        var values = Enumerable.Range(1, 100).Select(i => (double)i).ToArray();
        var bins = ReferenceBins.Numeric(values, 10);

        // Decile i of 1..100: position h = 99·i/10, value 1 + h = 1 + 9.9·i (10.9, 20.8, ..., 90.1):
        // python3 -c "import numpy as np; print(np.quantile(np.arange(1, 101), np.arange(1, 10) / 10))"
        //   -> [10.9 20.8 30.7 40.6 50.5 60.4 70.3 80.2 90.1]
        double[] deciles = [10.9, 20.8, 30.7, 40.6, 50.5, 60.4, 70.3, 80.2, 90.1];
        Assert.Equal(11, bins.Edges.Count);
        Assert.Equal(1.0, bins.Edges[0]);
        for (var i = 0; i < deciles.Length; i++)
        {
            Assert.Equal(deciles[i], bins.Edges[i + 1], 1e-9);
        }

        Assert.True(bins.Edges[^1] > 100 && bins.Edges[^1] - 100 < 1e-12);

        // Bin [1, 10.9) holds 1..10, [10.9, 20.8) holds 11..20, ... [90.1, 100+) holds 91..100.
        bins.Add(values);
        Assert.Equal([0L, 10L, 10L, 10L, 10L, 10L, 10L, 10L, 10L, 10L, 10L, 0L], bins.Counts);
    }

    [Fact]
    public void Values_below_the_reference_min_underflow_and_values_above_its_max_overflow()
    {
        var bins = ReferenceBins.Numeric(Enumerable.Range(1, 100).Select(i => (double)i).ToArray(), 10);
        foreach (var v in new[] { 0.999, -1e9, double.NegativeInfinity, 1.0, 100.0, 100.001, double.PositiveInfinity, double.NaN })
        {
            bins.Add(v);
        }

        // Underflow: 0.999, -1e9, -inf. The min opens the first inner bin and the max closes the last one. Overflow: 100.001, +inf.
        Assert.Equal([3L, 1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 1L, 2L], bins.Counts);
        Assert.Equal(1, bins.Missing);
    }

    [Fact]
    public void A_reference_without_values_gets_a_single_bin()
    {
        var bins = ReferenceBins.Numeric([double.NaN, double.NaN], 10);

        Assert.Empty(bins.Edges);
        Assert.Single(bins.Counts);
    }

    [Fact]
    public void A_sketch_holding_three_distinct_values_gets_point_bins()
    {
        var sketch = new QuantileSketch(16);
        for (var i = 0; i < 3_000; i++)
        {
            sketch.Add(new[] { 2.0, 4.0, 9.0 }[i % 3]);
        }

        var bins = ReferenceBins.Numeric(sketch, 10);

        Assert.Equal([2.0, Math.BitIncrement(2.0), 4.0, Math.BitIncrement(4.0), 9.0, Math.BitIncrement(9.0)], bins.Edges);
    }

    [Fact]
    public void A_sketch_of_many_values_gets_edges_at_its_exact_min_and_just_above_its_exact_max()
    {
        var sketch = new QuantileSketch(16);
        sketch.Add(Enumerable.Range(1, 1_000).Select(i => (double)i).ToArray());

        var bins = ReferenceBins.Numeric(sketch, 10);

        Assert.Equal(1.0, bins.Edges[0]);
        Assert.Equal(Math.BitIncrement(1_000.0), bins.Edges[^1]);
        Assert.InRange(bins.Edges.Count, 3, 11);
    }

    [Fact]
    public void A_point_mass_at_the_reference_minimum_gets_its_own_bin_and_its_disappearance_drifts()
    {
        // 950 zeros and 2, 4, …, 100; the window has 1, 3, …, 99 and no zero (raw W1 normed 3.69, D 0.95).
        var reference = Enumerable.Repeat(0.0, 950).Concat(Enumerable.Range(1, 50).Select(i => i * 2.0)).ToArray();
        var window = Enumerable.Range(0, 1_000).Select(i => 1 + (i % 50 * 2.0)).ToArray();
        var column = ReferenceProfiler.Numeric("amount", reference, 10);
        var profile = new ReferenceProfile(1, "test", reference.Length, [column], null, null);
        var buckets = window.Chunk(250).Select((v, i) => WindowData.Hourly(profile, i, WindowData.Numeric(column, v))).ToList();

        Assert.Equal([0.0, Math.BitIncrement(0.0), Math.BitIncrement(100.0)], column.Histogram.Edges);
        Assert.True(DriftEvaluator.Evaluate(profile, buckets, new DriftSpec())!.Features.Single().Drifted);
    }
}
