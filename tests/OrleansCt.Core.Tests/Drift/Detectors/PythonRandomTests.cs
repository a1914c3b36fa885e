using OrleansCt.Core.Drift.Detectors;

namespace OrleansCt.Core.Tests.Drift.Detectors;

public class PythonRandomTests
{
    [Fact]
    public void Random_and_sample_match_CPython_for_seed_42()
    {
        // Printed by CPython 3.11.7 here:
        // python3 -c "import random; r=random.Random(42); print([r.random() for _ in range(3)], r.sample(range(100), 5))"
        // [0.6394267984578837, 0.025010755222666936, 0.27502931836911926] [28, 17, 94, 13, 86]
        var rng = new PythonRandom(42);
        Assert.Equal([0.6394267984578837, 0.025010755222666936, 0.27502931836911926], [rng.NextDouble(), rng.NextDouble(), rng.NextDouble()]);
        Assert.Equal([28, 17, 94, 13, 86], rng.SampleRange(100, 5));
    }

    [Fact]
    public void Sample_of_30_from_70_takes_the_pool_branch_as_KSWIN_does()
    {
        // Reference/drift_streams_reference.py: Random(42).sample(range(70), 30) (n = 70 ≤ setsize 21 + 4^ceil(log4(90)) = 277).
        int[] expected = [14, 3, 35, 31, 28, 17, 13, 43, 47, 57, 34, 5, 37, 27, 2, 1, 58, 63, 69, 32, 38, 54, 67, 12, 45, 41, 59, 26, 51, 65];
        Assert.Equal(expected, new PythonRandom(42).SampleRange(70, 30));
    }

    [Fact]
    public void Sample_from_a_large_range_takes_the_set_branch()
    {
        // Reference/drift_streams_reference.py: Random(7).sample(range(1000), 10) (n = 1000 > setsize 21 + 4^ceil(log4(30)) = 277).
        Assert.Equal([331, 970, 154, 404, 666, 49, 74, 840, 548, 96], new PythonRandom(7).SampleRange(1000, 10));
    }

    [Fact]
    public void Seeds_above_32_bits_are_split_into_words_as_CPython_does()
    {
        // Reference/drift_streams_reference.py: r = Random(2**40 + 7); r.getrandbits(32), r.sample(range(70), 30)[:5].
        var rng = new PythonRandom((1L << 40) + 7);
        Assert.Equal(2635837658u, rng.GetRandBits(32));
        Assert.Equal([60, 32, 16, 66, 48], rng.SampleRange(70, 30).Take(5));
    }

    [Fact]
    public void Seed_zero_matches_CPython()
    {
        // python3 -c "import random; print(random.Random(0).random())" printed 0.8444218515250481.
        Assert.Equal(0.8444218515250481, new PythonRandom(0).NextDouble());
    }

    [Theory]
    [InlineData("two_distributions.csv")]
    [InlineData("binary_errors_03_to_07.csv")]
    public void Rebuilt_streams_equal_the_shared_vectors(string file)
    {
        var rebuilt = file.StartsWith("two", StringComparison.Ordinal) ? RiverStreams.TwoDistributions() : RiverStreams.BinaryErrors03To07();
        Assert.Equal(RiverStreams.ReadShared(file), rebuilt);
    }
}
