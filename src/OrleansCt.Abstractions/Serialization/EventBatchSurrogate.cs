using OrleansCt.Core.Events;

namespace OrleansCt.Abstractions.Serialization;

[GenerateSerializer, Alias("OrleansCt.EventBatch")]
public struct EventBatchSurrogate
{
    [Id(0)] public string[] Ids;
    [Id(1)] public double[] Times;
    [Id(2)] public double[][] Numeric;
    [Id(3)] public string?[][] Categorical;
    [Id(4)] public double[]? Labels;
    [Id(5)] public string[]? NewFeatureNames;
    [Id(6)] public long[]? NewFeatureCounts;
}

[RegisterConverter]
public sealed class EventBatchConverter : IConverter<EventBatch, EventBatchSurrogate>
{
    public EventBatch ConvertFromSurrogate(in EventBatchSurrogate s) => new()
    {
        Ids = s.Ids, Times = s.Times, Numeric = s.Numeric, Categorical = s.Categorical, Labels = s.Labels,
        NewFeatures = s.NewFeatureNames?.Zip(s.NewFeatureCounts ?? []).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal),
    };

    public EventBatchSurrogate ConvertToSurrogate(in EventBatch v) => new()
    {
        Ids = v.Ids, Times = v.Times, Numeric = v.Numeric, Categorical = v.Categorical, Labels = v.Labels,
        NewFeatureNames = v.NewFeatures?.Keys.ToArray(), NewFeatureCounts = v.NewFeatures?.Values.ToArray(),
    };
}
