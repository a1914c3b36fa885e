using OrleansCt.Core.Metrics;

namespace OrleansCt.Core.Tests.Metrics;

/// <summary>Assertions shared by the metric tests: closeness of nullable values and equality of checkpoints.</summary>
internal static class MetricAssert
{
    public static void Close(double expected, double? actual, double tolerance)
    {
        Assert.NotNull(actual);
        Assert.True(Math.Abs(expected - actual.Value) <= tolerance, $"expected {expected:R} ± {tolerance}, got {actual.Value:R} (off by {Math.Abs(expected - actual.Value):R})");
    }

    /// <summary>Bit-identical: every scalar the same bits, every array the same values.</summary>
    public static void Identical(ClassificationState expected, ClassificationState actual)
    {
        Assert.Equal(expected.LabelScoreBins, actual.LabelScoreBins);
        Assert.Equal(expected.OtherScoreBins, actual.OtherScoreBins);
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected.LogLossSum), BitConverter.DoubleToInt64Bits(actual.LogLossSum));
        Assert.Equal(expected, actual with { LabelScoreBins = expected.LabelScoreBins, OtherScoreBins = expected.OtherScoreBins });
    }

    /// <summary>Same counts and histograms exactly; the log-loss sum within a relative tolerance (float sums depend on their order).</summary>
    public static void SameUpToRounding(ClassificationState expected, ClassificationState actual, double relative)
    {
        Assert.Equal(expected.LabelScoreBins, actual.LabelScoreBins);
        Assert.Equal(expected.OtherScoreBins, actual.OtherScoreBins);
        Close(expected.LogLossSum, actual.LogLossSum, relative * expected.LogLossSum);
        Assert.Equal(expected, actual with { LabelScoreBins = expected.LabelScoreBins, OtherScoreBins = expected.OtherScoreBins, LogLossSum = expected.LogLossSum });
    }
}
