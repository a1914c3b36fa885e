using OrleansCt.Core.Drift.Statistics;
using OrleansCt.Core.Sketches;

namespace OrleansCt.Core.Tests.Drift.Statistics;

/// <summary>KS D from sketches and from fixed bins stays within its stated bound of the exact D on the raw samples.</summary>
public sealed class StreamingKolmogorovSmirnovTests
{
    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.1, 1.0)]
    [InlineData(0.0, 1.5)]
    public void Sketch_d_is_within_its_bound_of_the_exact_d(double shift, double scale)
    {
        var (a, b) = (Normal(20_000, 1, 0, 1), Normal(30_000, 2, shift, scale));
        var exact = KolmogorovSmirnov.Test(a, b, KsMethod.Asymptotic).D;
        var (ra, rb) = (new QuantileSketch(), new QuantileSketch());
        Array.ForEach(a, ra.Add);
        Array.ForEach(b, rb.Add);
        var estimate = StreamingKolmogorovSmirnov.FromSketches(ra, rb);
        Assert.True(ra.RetainedItems < ra.Count, "the sketch must have compacted for the test to mean anything");
        Assert.InRange(estimate.Estimate, exact - estimate.ErrorBound, exact + estimate.ErrorBound);
    }

    [Fact]
    public void Uncompacted_sketches_give_d_within_one_grid_step()
    {
        double[] a = [1, 2, 3, 4, 5, 6, 7, 8];
        double[] b = [4, 5, 6, 7, 8, 9, 10, 11];
        var (ra, rb) = (new QuantileSketch(), new QuantileSketch());
        Array.ForEach(a, ra.Add);
        Array.ForEach(b, rb.Add);
        var estimate = StreamingKolmogorovSmirnov.FromSketches(ra, rb);
        Assert.Equal(0.001, estimate.ErrorBound, 1e-15);
        Assert.Equal(3.0 / 8, estimate.Estimate, 1e-15);
    }

    [Fact]
    public void Binned_d_never_exceeds_the_exact_d_and_trails_it_by_at_most_the_widest_bin()
    {
        var (a, b) = (Normal(5_000, 3, 0, 1), Normal(4_000, 4, 0.2, 1));
        var exact = KolmogorovSmirnov.Test(a, b, KsMethod.Asymptotic).D;
        var reference = new NumericHistogram(Enumerable.Range(1, 19).Select(i => -2.0 + (i * 0.2)).ToArray());
        var current = reference.EmptyCopy();
        Array.ForEach(a, reference.Add);
        Array.ForEach(b, current.Add);
        var estimate = StreamingKolmogorovSmirnov.FromHistograms(reference, current);
        Assert.InRange(exact, estimate.Estimate - 1e-12, estimate.Estimate + estimate.ErrorBound);
    }

    [Fact]
    public void Binned_d_of_hand_counts()
    {
        // Cumulative shares 0.2, 0.7, 1 against 0.5, 0.8, 1: gaps 0.3, 0.1, 0; widest bin share 0.5.
        var estimate = StreamingKolmogorovSmirnov.FromBins([2, 5, 3], [5, 3, 2]);
        Assert.Equal(0.3, estimate.Estimate, 1e-15);
        Assert.Equal(0.5, estimate.ErrorBound, 1e-15);
    }

    // Box-Muller on a seeded Random: a fixed sample, so the test is the same every run.
    private static double[] Normal(int n, int seed, double mean, double sd)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n)
            .Select(_ => mean + (sd * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())))
            .ToArray();
    }
}
