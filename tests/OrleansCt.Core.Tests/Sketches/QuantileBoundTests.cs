using OrleansCt.Core.Sketches;
using Xunit.Abstractions;

namespace OrleansCt.Core.Tests.Sketches;

/// <summary>Rank errors of the default KLL sketch on real columns, measured against the exactly sorted column.</summary>
public sealed class QuantileBoundTests(ITestOutputHelper output)
{
    public static TheoryData<string, string, int> Columns()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var chunks in new[] { 1, 2, 7, 50 })
        {
            foreach (var column in new[] { "nswprice", "nswdemand", "vicprice", "vicdemand", "transfer" })
            {
                data.Add("data/elec2/elec2.csv", column, chunks);
            }

            foreach (var column in new[] { "median_income", "median_house_value" })
            {
                data.Add("data/housing/housing.csv", column, chunks);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Columns))]
    public void Quantiles_and_ranks_stay_within_the_stated_bound(string file, string column, int chunks)
    {
        var values = SketchData.Numeric(file, column);
        var sorted = values.Order().ToArray();
        var sketch = chunks == 1 ? QuantileSketchTests.Of(values) : QuantileSketchTests.MergeOf(values, chunks);
        var bound = QuantileSketch.RankErrorBound(QuantileSketch.DefaultK);
        Assert.Equal(sorted.Length, sketch.Count);
        Assert.Equal(sorted[0], sketch.Min);
        Assert.Equal(sorted[^1], sketch.Max);

        var (worstQuantile, worstRank) = WorstErrors(sketch, sorted);
        output.WriteLine($"{column} over {chunks} chunk(s): worst quantile rank error {worstQuantile:F5}, worst Rank error {worstRank:F5}, bound {bound:F5}, {sketch.RetainedItems} items");
        Assert.True(worstQuantile <= bound, $"{column}, {chunks} chunks: quantile rank error {worstQuantile} above {bound}");
        Assert.True(worstRank <= bound, $"{column}, {chunks} chunks: Rank error {worstRank} above {bound}");
    }

    /// <summary>
    /// The sketch's worst normalised rank errors over q = 0.01..0.99 against the exactly sorted stream: of Quantile(q) (the distance from q
    /// to [#(x &lt; v)/n, #(x ≤ v)/n], v the answer) and of Rank at the exact q-quantile (against #(x ≤ it)/n).
    /// </summary>
    internal static (double Quantile, double Rank) WorstErrors(QuantileSketch sketch, double[] sorted)
    {
        var n = (double)sorted.Length;
        var worstQuantile = 0.0;
        var worstRank = 0.0;
        for (var p = 1; p <= 99; p++)
        {
            var q = p / 100.0;

            // The answer v is right for q when q lies in [#(x < v)/n, #(x <= v)/n]; its error is the distance from q to that interval
            // (ties, such as the 500001 cap of median_house_value, make the interval wide).
            var v = sketch.Quantile(q);
            var below = LowerBound(sorted, v) / n;
            var atOrBelow = UpperBound(sorted, v) / n;
            worstQuantile = Math.Max(worstQuantile, Math.Max(0, Math.Max(below - q, q - atOrBelow)));

            var exact = sorted[(int)Math.Ceiling(q * n) - 1];
            worstRank = Math.Max(worstRank, Math.Abs(sketch.Rank(exact) - (UpperBound(sorted, exact) / n)));
        }

        return (worstQuantile, worstRank);
    }

    /// <summary>
    /// The monitor's whole stream: consecutive buckets sketched at k = 16, each folded at its close into one sketch at k = 48. The
    /// folded sketch stays within the bound of the smaller k (what its items carry), and it says so for any number of buckets.
    /// </summary>
    [Theory]
    [InlineData("data/elec2/elec2.csv", "nswprice", 48)]
    [InlineData("data/elec2/elec2.csv", "vicdemand", 48)]
    [InlineData("data/elec2/elec2.csv", "transfer", 480)]
    [InlineData("data/housing/housing.csv", "median_income", 100)]
    public void Small_sketches_folded_into_a_larger_one_stay_within_the_smaller_bound(string file, string column, int bucketRows)
    {
        var values = SketchData.Numeric(file, column);
        var sorted = values.Order().ToArray();
        var whole = new QuantileSketch(48);
        foreach (var chunk in values.Chunk(bucketRows))
        {
            var bucket = new QuantileSketch(16);
            bucket.Add(chunk);
            whole.Merge(bucket);
        }

        var (worstQuantile, worstRank) = WorstErrors(whole, sorted);
        var bound = QuantileSketch.RankErrorBound(16);
        output.WriteLine($"{column}, buckets of {bucketRows}: worst quantile rank error {worstQuantile:F5}, worst Rank error {worstRank:F5}, bound {bound:F5}, {whole.RetainedItems} items");
        Assert.Equal((sorted.Length, sorted[0], sorted[^1]), (whole.Count, whole.Min, whole.Max));
        Assert.True(worstQuantile <= bound, $"quantile rank error {worstQuantile} above {bound}");
        Assert.True(worstRank <= bound, $"Rank error {worstRank} above {bound}");
        Assert.Throws<ArgumentException>(() => new QuantileSketch(16).Merge(whole));
    }

    private static int LowerBound(double[] sorted, double v)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            (lo, hi) = sorted[mid] < v ? (mid + 1, hi) : (lo, mid);
        }

        return lo;
    }

    private static int UpperBound(double[] sorted, double v)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            (lo, hi) = sorted[mid] <= v ? (mid + 1, hi) : (lo, mid);
        }

        return lo;
    }
}
