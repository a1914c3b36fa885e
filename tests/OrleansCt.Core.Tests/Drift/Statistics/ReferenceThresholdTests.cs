using OrleansCt.Core.Drift.Statistics;

namespace OrleansCt.Core.Tests.Drift.Statistics;

/// <summary>NannyML's mean + 3·std threshold from reference chunks (drift-statistics.md) on a hand-worked case.</summary>
public sealed class ReferenceThresholdTests
{
    [Fact]
    public void Threshold_is_mean_plus_three_std_of_the_chunk_statistics()
    {
        // Reference mean 3; chunks of 2 have means 1, 3, 2, 6, so |chunk mean − 3| = 2, 0, 1, 3: mean 1.5,
        // std (ddof 0) = sqrt((0.25 + 2.25 + 0.25 + 2.25) / 4) = sqrt(1.25), threshold 1.5 + 3·sqrt(1.25).
        double[] reference = [1, 1, 3, 3, 2, 2, 6, 6];
        var result = ReferenceThreshold.Compute(reference, 2, (chunk, whole) => Math.Abs(chunk.Average() - whole.Average()));
        Assert.Equal([2.0, 0.0, 1.0, 3.0], result.ChunkValues);
        Assert.Equal(1.5, result.Mean, 1e-15);
        Assert.Equal(Math.Sqrt(1.25), result.StandardDeviation, 1e-15);
        Assert.Equal(1.5 + (3 * Math.Sqrt(1.25)), result.Threshold, 1e-15);
    }

    [Fact]
    public void A_short_last_chunk_is_dropped()
    {
        double[] reference = [1, 1, 3, 3, 100];
        var result = ReferenceThreshold.Compute(reference, 2, (chunk, _) => chunk.Average());
        Assert.Equal([1.0, 3.0], result.ChunkValues);
    }

    [Fact]
    public void Fewer_than_two_chunks_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => ReferenceThreshold.Compute(new double[] { 1, 2, 3 }, 2, (c, _) => c.Count));
        Assert.Contains("at least 2", e.Message);
    }
}
