using OrleansCt.Core.Sketches;

namespace OrleansCt.Core.Tests.Sketches;

public sealed class FixedHistogramTests
{
    [Fact]
    public void Numeric_values_fall_into_underflow_half_open_bins_and_overflow()
    {
        // Edges 1, 2, 3: underflow {-inf, 0}, [1,2) {1, 1.5}, [2,3) {2, 2.999}, overflow {3, 5, +inf}; NaN is missing.
        var h = new NumericHistogram([1, 2, 3]);
        foreach (var x in new[] { double.NegativeInfinity, 0, 1, 1.5, 2, 2.999, 3, 5, double.PositiveInfinity, double.NaN })
        {
            h.Add(x);
        }

        Assert.Equal([2L, 2, 2, 3], h.Counts);
        Assert.Equal(1, h.Missing);
        Assert.Equal(9, h.Counted);
        Assert.Equal(10, h.Total);
        Assert.Equal([2 / 9.0, 2 / 9.0, 2 / 9.0, 3 / 9.0], h.Shares());
    }

    [Fact]
    public void Edges_come_from_reference_quantiles()
    {
        // A reference of 1..100 is held exactly; its quantiles 1/4, 2/4, 3/4 are 25, 50, 75. Counting 1..100 again:
        // underflow 1..24 = 24, [25,50) = 25, [50,75) = 25, overflow 75..100 = 26.
        var reference = QuantileSketchTests.Of(Enumerable.Range(1, 100).Select(i => (double)i));
        var h = NumericHistogram.FromQuantiles(reference, 4);
        Assert.Equal([25.0, 50, 75], h.Edges);
        for (var i = 1; i <= 100; i++)
        {
            h.Add(i);
        }

        Assert.Equal([24L, 25, 25, 26], h.Counts);
    }

    [Fact]
    public void Repeated_quantile_edges_are_dropped()
    {
        // A reference that is 7 everywhere puts all nine deciles at 7: one edge, so "below 7" and "7 or more".
        var h = NumericHistogram.FromQuantiles(QuantileSketchTests.Of(Enumerable.Repeat(7.0, 1000)), 10);
        Assert.Equal([7.0], h.Edges);
        h.Add(6.9);
        h.Add(7);
        h.Add(7.1);
        Assert.Equal([1L, 2], h.Counts);
        Assert.Throws<ArgumentException>(() => NumericHistogram.FromQuantiles(new QuantileSketch(), 10));
    }

    [Fact]
    public void Categories_outside_the_reference_count_as_unseen()
    {
        var h = new CategoricalHistogram(["a", "b"]);
        foreach (var v in new[] { "a", "b", "b", "z", null, "A" })
        {
            h.Add(v);
        }

        Assert.Equal([1L, 2, 2], h.Counts);
        Assert.Equal(1, h.Missing);
        Assert.Equal([0.2, 0.4, 0.4], h.Shares());
    }

    [Fact]
    public void Merged_chunks_equal_the_whole_stream_and_direct_counts()
    {
        var values = SketchData.Numeric("data/elec2/elec2.csv", "nswprice");
        var reference = QuantileSketchTests.Of(values[..10_000]);
        var stream = values[10_000..];
        var whole = NumericHistogram.FromQuantiles(reference, 10);
        foreach (var x in stream)
        {
            whole.Add(x);
        }

        // Independently: a value's bin is the number of edges at or below it.
        var edges = whole.Edges.ToArray();
        var direct = new long[edges.Length + 1];
        foreach (var x in stream)
        {
            direct[edges.Count(e => e <= x)]++;
        }

        Assert.Equal(direct, whole.Counts);
        foreach (var chunks in new[] { 2, 7, 50 })
        {
            var merged = NumericHistogram.FromQuantiles(reference, 10);
            foreach (var chunk in SketchData.Chunks(stream, chunks))
            {
                var part = NumericHistogram.FromQuantiles(reference, 10);
                foreach (var x in chunk)
                {
                    part.Add(x);
                }

                merged.Merge(part);
            }

            Assert.Equal(whole.Counts, merged.Counts);
            Assert.Equal(whole.Total, merged.Total);
        }
    }

    [Fact]
    public void Histograms_with_other_bins_do_not_merge_and_say_why()
    {
        var h = new NumericHistogram([1, 2]);
        h.Add(1.5);
        Assert.Contains("edge 1 is 2 against 3", Assert.Throws<ArgumentException>(() => h.Merge(new NumericHistogram([1, 3]))).Message);
        Assert.Contains("2 edges against 3", Assert.Throws<ArgumentException>(() => h.Merge(new NumericHistogram([1, 2, 3]))).Message);
        Assert.Contains("numeric", Assert.Throws<ArgumentException>(() => h.Merge(new CategoricalHistogram(["1", "2"]))).Message);
        Assert.Contains("category 1 is 'b' against 'c'",
            Assert.Throws<ArgumentException>(() => new CategoricalHistogram(["a", "b"]).Merge(new CategoricalHistogram(["a", "c"]))).Message);
        Assert.Equal([0L, 1, 0], h.Counts);
    }

    [Fact]
    public void Bad_edges_and_categories_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new NumericHistogram([1, 1]));
        Assert.Throws<ArgumentException>(() => new NumericHistogram([2, 1]));
        Assert.Throws<ArgumentException>(() => new NumericHistogram([double.NaN]));
        Assert.Throws<ArgumentException>(() => new CategoricalHistogram(["a", "a"]));
        Assert.Throws<ArgumentException>(() => new CategoricalHistogram(["a", null!]));
    }

    [Fact]
    public void Empty_and_all_missing_histograms_have_no_shares()
    {
        var h = new NumericHistogram([]);
        Assert.Equal([0L], h.Counts);
        Assert.True(double.IsNaN(h.Shares()[0]));
        h.Add(double.NaN);
        Assert.Equal((1L, 1L, 0L), (h.Total, h.Missing, h.Counted));
        Assert.True(double.IsNaN(h.Shares()[0]));
    }

    [Fact]
    public void States_round_trip_and_bad_states_are_refused()
    {
        var numeric = new NumericHistogram([0.1, 0.2]);
        numeric.Add(0.15);
        numeric.Add(double.NaN);
        var categorical = new CategoricalHistogram(["x"]);
        categorical.Add("y");
        foreach (var h in new FixedHistogram[] { numeric, categorical })
        {
            var state = h.ToState();
            var again = FixedHistogram.FromState(state).ToState();
            Assert.Equal((state.IsCategorical, state.Missing), (again.IsCategorical, again.Missing));
            Assert.Equal(state.Edges, again.Edges);
            Assert.Equal(state.Categories, again.Categories);
            Assert.Equal(state.Counts, again.Counts);
        }

        var good = numeric.ToState();
        Assert.Throws<ArgumentException>(() => FixedHistogram.FromState(good with { Counts = [1, 2] }));
        Assert.Throws<ArgumentException>(() => FixedHistogram.FromState(good with { Edges = [0.2, 0.1] }));
        Assert.Throws<ArgumentException>(() => FixedHistogram.FromState(good with { Categories = ["a"] }));
        Assert.Throws<ArgumentException>(() => FixedHistogram.FromState(good with { Counts = [0, -1, 0] }));
        Assert.Throws<ArgumentException>(() => FixedHistogram.FromState(categorical.ToState() with { Categories = ["x", "x"], Counts = [0, 0, 1] }));
        Assert.IsType<NumericHistogram>(FixedHistogram.FromState(good));
        Assert.IsType<CategoricalHistogram>(FixedHistogram.FromState(categorical.ToState()));
        Assert.Throws<ArgumentException>(() => NumericHistogram.FromState(categorical.ToState()));
        Assert.Throws<ArgumentException>(() => CategoricalHistogram.FromState(good));
    }
}
