using OrleansCt.Core.Sketches;

namespace OrleansCt.Core.Tests.Sketches;

/// <summary>
/// The bulk adds the monitor feeds a run of rows with — several numeric columns at once, a histogram column, a category's count — against
/// the single adds they replace (bit for bit) and, for the histogram, against bins worked out by definition.
/// </summary>
public sealed class ColumnAddTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(11)]
    [InlineData(13)]
    public void Several_columns_added_at_once_leave_each_sketch_as_its_single_adds_do(int columns)
    {
        // Zeros of both signs (also as first values and as extremes tied with the other zero), infinities, NaN (missing), a column that starts all missing and one
        // that never has a value, in runs of awkward lengths (the four-row blocks and their tails), up to the sampler at k 16.
        var random = new Random(columns);
        var rows = 40_000;
        var data = Enumerable.Range(0, columns).Select(f => Enumerable.Range(0, rows).Select(r => Value(random, f, r)).ToArray()).ToArray();
        for (var r = 0; r < 2_500; r++)
        {
            data[0][r] = double.NaN;
        }

        // Zeros that the extremes must weigh by sign, as Math.Min and Math.Max do: −0 is below +0 (column 1's min becomes −0 and stays
        // so; column 2's max goes from −0 to +0 and stays so).
        (data[1][0], data[1][1], data[1][2]) = (0.0, -0.0, 0.0);
        if (columns > 2)
        {
            (data[2][0], data[2][1], data[2][2]) = (-0.0, 0.0, -0.0);
        }

        if (columns > 3)
        {
            data[^1].AsSpan().Fill(double.NaN);
        }

        var single = Enumerable.Range(0, columns).Select(_ => new NumericSketch(16)).ToArray();
        var several = Enumerable.Range(0, columns).Select(_ => new NumericSketch(16)).ToArray();
        for (var f = 0; f < columns; f++)
        {
            foreach (var x in data[f])
            {
                single[f].Add(x);
            }
        }

        int[] runs = [1, 3, 4, 5, 0, 7, 64, 1_000, 2, 999, 9, 4_096, 13, 250];
        var (at, i) = (0, 0);
        while (at < rows)
        {
            var length = Math.Min(runs[i++ % runs.Length], rows - at);
            NumericSketch.Add(several, data, at, length);
            at += length;
        }

        for (var f = 0; f < columns; f++)
        {
            NumericSketchTests.AssertSame(single[f].ToState(), several[f].ToState());
        }

        Assert.True(single[0].ToState().SamplingLevel > 0);
        Assert.True(columns <= 3 || several[^1].Count == 0);

        // Column 1 never goes below a zero, column 2 never above one: their min and max are zeros, of either sign.
        static double Value(Random random, int f, int r) => f is 1 or 2 ? (f == 1 ? 1 : -1) * Zeros(random) : random.Next(100) switch
        {
            < 4 => double.NaN,
            4 => double.PositiveInfinity,
            5 => double.NegativeInfinity,
            < 12 => r % 2 == 0 ? -0.0 : 0.0,
            < 30 => Math.Round(random.NextDouble() * 3) - 1,
            _ => ((random.NextDouble() - 0.5) * 10 * (f + 1)) + f,
        };

        static double Zeros(Random random) => random.Next(4) switch
        {
            0 => -0.0,
            1 => 0.0,
            2 => double.NaN,
            _ => random.NextDouble(),
        };
    }

    [Fact]
    public void Several_columns_of_sketches_restored_near_two_to_the_53_values_divide_by_their_exact_counts()
    {
        // The lanes keep counts as doubles, exact only below 2^53, so such sketches take the scalar step: a count of 2^53 + 1 and a mean of
        // 0 with x = 2^53 + 2 gives delta / n = 1 exactly, so the mean becomes 1 (a count rounded to 2^53 would give 1 + 2^-52).
        const long count = (1L << 53) + 1;
        const double x = 9007199254740994.0;
        var restored = new NumericSketchState(0, count, 0, 0, -1, 1, 200, 0, [2], [-1.0, 1.0], Sampled: true);
        var sketches = new[] { NumericSketch.FromState(restored), NumericSketch.FromState(restored) };

        NumericSketch.Add(sketches, [[x], [x]], 0, 1);

        Assert.All(sketches, s => Assert.Equal((count + 1, 1.0, x * (x - 1), x), (s.Count, s.Moments.Mean, s.Moments.M2, s.Moments.Max)));
    }

    [Fact]
    public void Several_columns_are_refused_when_they_do_not_fit_their_sketches()
    {
        var (a, b) = (new NumericSketch(), new NumericSketch());
        Assert.Throws<ArgumentException>(() => NumericSketch.Add([a, b], [[1.0]], 0, 1));
        Assert.Throws<ArgumentException>(() => NumericSketch.Add([a, a], [[1.0], [2.0]], 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => NumericSketch.Add([a, b], [[1.0, 2.0], [2.0]], 0, 2));
        Assert.Equal((0L, 0L), (a.Count, b.Count));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(9)]
    [InlineData(63)]
    [InlineData(64)]
    public void A_column_lands_in_the_bins_of_its_values(int edges)
    {
        // Edges at 0 and at whole numbers, values on the edges, ±0, ±∞ and NaN, in columns of every tail length.
        var bins = Enumerable.Range(0, edges).Select(i => (double)(i - (edges / 2))).ToArray();
        var random = new Random(edges);
        foreach (var length in new[] { 0, 1, 2, 3, 4, 5, 7, 8, 9, 1_000, 1_003 })
        {
            var values = Enumerable.Range(0, length).Select(_ => random.Next(20) switch
            {
                0 => double.NaN,
                1 => double.PositiveInfinity,
                2 => double.NegativeInfinity,
                3 => -0.0,
                < 10 => (double)(random.Next(edges + 4) - (edges / 2) - 2),
                _ => (random.NextDouble() - 0.5) * (edges + 4),
            }).ToArray();
            var column = new NumericHistogram(bins);
            var single = new NumericHistogram(bins);
            column.Add(values);
            foreach (var x in values)
            {
                single.Add(x);
            }

            // The bin of x is the number of edges at or below it; NaN is missing.
            var expected = new long[edges + 1];
            foreach (var x in values.Where(x => !double.IsNaN(x)))
            {
                expected[bins.Count(e => e <= x)]++;
            }

            Assert.Equal(expected, column.Counts);
            Assert.Equal(single.Counts, column.Counts);
            Assert.Equal((values.Count(double.IsNaN), length - values.Count(double.IsNaN)), (column.Missing, column.Counted));
        }
    }

    [Fact]
    public void A_counted_category_equals_as_many_single_adds()
    {
        // Cap 3: "a" and "b" are named, "c" takes the last name, "d" goes to other, then the named ones go on counting.
        var counted = new CategoricalSketch(3);
        var single = new CategoricalSketch(3);
        (string? Name, long Count)[] adds = [("a", 5), ("b", 1), (null, 4), ("c", 0), ("a", 2), ("c", 3), ("d", 6), ("b", 2), ("e", 1)];
        foreach (var (name, count) in adds)
        {
            counted.Add(name, count);
            for (var i = 0; i < count; i++)
            {
                single.Add(name);
            }
        }

        Assert.Equivalent(single.ToState(), counted.ToState(), strict: true);
        Assert.Equal((7L, 3L, 3L, 7L, 4L, 20L), (counted.CountOf("a"), counted.CountOf("b"), counted.CountOf("c"), counted.Other, counted.Missing, counted.Count));
        Assert.Throws<ArgumentOutOfRangeException>(() => counted.Add("a", -1));
    }

    [Fact]
    public void A_counted_category_lands_in_its_bin_as_single_adds_do()
    {
        var counted = new CategoricalHistogram(["x", "y"]);
        var single = new CategoricalHistogram(["x", "y"]);
        (string? Name, long Count)[] adds = [("y", 3), ("z", 2), (null, 1), ("x", 4), ("y", 0)];
        foreach (var (name, count) in adds)
        {
            counted.Add(name, count);
            for (var i = 0; i < count; i++)
            {
                single.Add(name);
            }
        }

        Assert.Equal([4L, 3L, 2L], counted.Counts);
        Assert.Equivalent(single.ToState(), counted.ToState(), strict: true);
    }
}
