using OrleansCt.Core.Schema;

namespace OrleansCt.Abstractions.Serialization;

[GenerateSerializer, Alias("OrleansCt.LearnerSpec")]
public struct LearnerSpecSurrogate
{
    [Id(0)] public string Kind;
    [Id(1)] public string? Loss;
    [Id(2)] public string? Schedule;
    [Id(3)] public double? LearningRate;
    [Id(4)] public double? L2;
    [Id(5)] public double? PowerT;
    [Id(6)] public bool Standardize;
    [Id(7)] public string? Encoding;
    [Id(8)] public int HashBuckets;
}

[RegisterConverter]
public sealed class LearnerSpecConverter : IConverter<LearnerSpec, LearnerSpecSurrogate>
{
    public LearnerSpec ConvertFromSurrogate(in LearnerSpecSurrogate s) => new()
    {
        Kind = s.Kind, Loss = s.Loss, Schedule = s.Schedule, LearningRate = s.LearningRate, L2 = s.L2,
        PowerT = s.PowerT, Standardize = s.Standardize, Encoding = s.Encoding, HashBuckets = s.HashBuckets,
    };

    public LearnerSpecSurrogate ConvertToSurrogate(in LearnerSpec v) => new()
    {
        Kind = v.Kind, Loss = v.Loss, Schedule = v.Schedule, LearningRate = v.LearningRate, L2 = v.L2,
        PowerT = v.PowerT, Standardize = v.Standardize, Encoding = v.Encoding, HashBuckets = v.HashBuckets,
    };
}
