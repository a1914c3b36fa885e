using OrleansCt.Core.Drift.Multivariate;
using OrleansCt.Core.Drift.Statistics;
using static OrleansCt.Core.Tests.Drift.Multivariate.MultivariateData;

namespace OrleansCt.Core.Tests.Drift.Multivariate;

public sealed class MultivariateThresholdTests
{
    [Fact]
    public void Threshold_is_mean_plus_three_std_of_the_chunk_errors()
    {
        // The hand model of PcaReconstructionTests (component (1, 1)/√2 in z units, z = (x − 1, (y − 12)/2)): (2, 10) is z = (1, −1), all of it
        // residual, squared error 2; (3, 14) is z = (2, 1) = 1.5·(1, 1) + (0.5, −0.5), squared error 0.5; both rows 1.25 on average.
        // Errors √2, √0.5, √1.25 with mean m; their squares sum to 3.75, so the population variance is 3.75/3 − m² = 1.25 − m².
        var model = PcaReconstruction.Fit(Of([0, 10], [2, 14]));
        var result = MultivariateThreshold.FromChunks(model, [Of([2, 10]), Of([3, 14]), Of([2, 10], [3, 14])]);
        var m = (Math.Sqrt(2) + Math.Sqrt(0.5) + Math.Sqrt(1.25)) / 3;
        Assert.Equal([Math.Sqrt(2), Math.Sqrt(0.5), Math.Sqrt(1.25)], result.ChunkValues, (a, b) => Math.Abs(a - b) < 1e-14);
        Assert.Equal(m, result.Mean, 1e-14);
        Assert.Equal(Math.Sqrt(1.25 - (m * m)), result.StandardDeviation, 1e-14);
        Assert.Equal(m + (3 * Math.Sqrt(1.25 - (m * m))), result.Threshold, 1e-14);
    }

    [Fact]
    public void Fewer_than_two_chunks_or_an_empty_one_is_refused()
    {
        var model = PcaReconstruction.Fit(Of([0, 10], [2, 14]));
        Assert.Contains("at least 2", Assert.Throws<ArgumentException>(() => MultivariateThreshold.FromChunks(model, [Of([2, 10])])).Message);
        Assert.Contains("chunk 1", Assert.Throws<ArgumentException>(() => MultivariateThreshold.FromChunks(model, [Of([2, 10]), new CoMoments(2)])).Message);
    }

    [Fact]
    public void A_flipped_correlation_leaves_the_marginals_alone_but_crosses_the_threshold()
    {
        // Reference y = x + 0.3·e; current y = −x + 0.3·e: both marginals stay N(0, 1) and N(0, 1.09). With ρ = 1/√1.09 the reference
        // correlation matrix has eigenvalues 1 ± ρ and one component (1, 1)/√2 keeps (1 + ρ)/2 ≈ 98% of the variance, so a same-distribution
        // window scores about √(1 − ρ) ≈ 0.205 while the flipped one, lying along (1, −1)/√2, scores about √(1 + ρ) ≈ 1.40.
        const int window = 500;
        var reference = Rows(10 * window, 1, normal => Pair(normal, 1));
        var same = Rows(window, 2, normal => Pair(normal, 1));
        var flipped = Rows(window, 3, normal => Pair(normal, -1));

        for (var f = 0; f < 2; f++)
        {
            Assert.True(KolmogorovSmirnov.Test(Column(reference, f), Column(flipped, f)).PValue > 0.01, $"feature {f} marginal moved");
            Assert.True(KolmogorovSmirnov.Test(Column(reference, f), Column(same, f)).PValue > 0.01, $"feature {f} marginal moved");
        }

        // As the system holds it: buckets of 100 rows, merged into the whole reference and into window-sized chunks.
        var buckets = InBuckets(reference, 100);
        var model = PcaReconstruction.Fit(Merged(buckets));
        var chunks = buckets.Chunk(window / 100).Select(Merged).ToList();
        var threshold = MultivariateThreshold.FromChunks(model, chunks);

        var rho = 1 / Math.Sqrt(1.09);
        Assert.Single(model.Components);
        Assert.Equal(Math.Sqrt(1 - rho), threshold.Mean, 0.02);
        Assert.Equal(Math.Sqrt(1 + rho), model.Error(Of(2, flipped)), 0.1);
        Assert.True(model.Error(Of(2, flipped)) > threshold.Threshold);
        Assert.True(model.Error(Of(2, same)) < threshold.Threshold);
    }

    private static double[] Pair(Func<double> normal, double sign)
    {
        var x = normal();
        return [x, (sign * x) + (0.3 * normal())];
    }
}
