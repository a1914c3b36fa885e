using OrleansCt.Core.Learning;

namespace OrleansCt.Abstractions.Serialization;

[GenerateSerializer, Alias("OrleansCt.LearnerState")]
public struct LearnerStateSurrogate
{
    [Id(0)] public long LayoutFingerprint;
    [Id(1)] public int Outputs;
    [Id(2)] public int Dimension;
    [Id(3)] public long Updates;
    [Id(4)] public double[] Weights;
    [Id(5)] public double[] Intercepts;
    [Id(6)] public double[] GradSquares;
    [Id(7)] public double[] InterceptGradSquares;
    [Id(8)] public long[] FeatureCounts;
    [Id(9)] public double[] FeatureMeans;
    [Id(10)] public double[] FeatureM2;
    [Id(11)] public long TargetCount;
    [Id(12)] public double TargetMean;
    [Id(13)] public double TargetM2;
}

[RegisterConverter]
public sealed class LearnerStateConverter : IConverter<LearnerState, LearnerStateSurrogate>
{
    public LearnerState ConvertFromSurrogate(in LearnerStateSurrogate s) => new(
        s.LayoutFingerprint, s.Outputs, s.Dimension, s.Updates, s.Weights, s.Intercepts, s.GradSquares, s.InterceptGradSquares,
        s.FeatureCounts, s.FeatureMeans, s.FeatureM2, s.TargetCount, s.TargetMean, s.TargetM2);

    public LearnerStateSurrogate ConvertToSurrogate(in LearnerState v) => new()
    {
        LayoutFingerprint = v.LayoutFingerprint, Outputs = v.Outputs, Dimension = v.Dimension, Updates = v.Updates,
        Weights = v.Weights, Intercepts = v.Intercepts, GradSquares = v.GradSquares, InterceptGradSquares = v.InterceptGradSquares,
        FeatureCounts = v.FeatureCounts, FeatureMeans = v.FeatureMeans, FeatureM2 = v.FeatureM2,
        TargetCount = v.TargetCount, TargetMean = v.TargetMean, TargetM2 = v.TargetM2,
    };
}
