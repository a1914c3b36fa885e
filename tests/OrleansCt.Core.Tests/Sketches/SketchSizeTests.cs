using OrleansCt.Core.Sketches;
using Xunit.Abstractions;

namespace OrleansCt.Core.Tests.Sketches;

/// <summary>What each sketch holds after a million values at default settings, counted from its state (8 bytes a double or long, 4 an int, 2 a char).</summary>
public sealed class SketchSizeTests(ITestOutputHelper output)
{
    private const int Values = 1_000_000;

    [Fact]
    public void A_million_values_leave_every_sketch_small()
    {
        var numeric = new NumericSketch();
        var categorical = new CategoricalSketch();
        var histogram = new NumericHistogram(Enumerable.Range(1, 9).Select(i => i / 10.0).ToArray());
        var names = Enumerable.Range(0, 1000).Select(i => "category-" + i).ToArray();
        for (var i = 0; i < Values; i++)
        {
            // A Weyl sequence spreads the values over [0, 1) without a random generator.
            var x = (i * 0.6180339887498949) % 1.0;
            numeric.Add(i % 100 == 0 ? double.NaN : x);
            categorical.Add(names[(int)(x * names.Length)]);
            histogram.Add(x);
        }

        var q = numeric.ToState();
        var c = categorical.ToState();
        var h = histogram.ToState();
        var numericBytes = (6 * 8) + 8 + 4 + (q.LevelSizes.Length * 4) + (q.Items.Length * 8);
        var categoricalBytes = 4 + 16 + (c.Counts.Length * 8) + c.Names.Sum(n => n.Length * 2);
        var histogramBytes = 1 + 8 + (h.Edges.Length * 8) + (h.Counts.Length * 8);
        output.WriteLine($"NumericSketch: {q.Items.Length} items in {q.LevelSizes.Length} levels, about {numericBytes} bytes of state");
        output.WriteLine($"CategoricalSketch: {c.Names.Length} names, other {c.Other}, about {categoricalBytes} bytes of state");
        output.WriteLine($"FixedHistogram: {h.Counts.Length} bins, about {histogramBytes} bytes of state");

        Assert.Equal(Values / 100, numeric.Missing);
        Assert.Equal(Values - (Values / 100), numeric.Count);
        // Capacities ceil(k (2/3)^d) add up to under 3k, plus at most 8 a level where the floor of 8 items applies.
        Assert.True(q.Items.Length < (3 * QuantileSketch.DefaultK) + (8 * q.LevelSizes.Length), $"{q.Items.Length} items held");
        Assert.Equal(CategoricalSketch.DefaultCap, c.Names.Length);
        Assert.Equal(Values, c.Counts.Sum() + c.Other);
        Assert.Equal(Values, h.Counts.Sum());
    }
}
