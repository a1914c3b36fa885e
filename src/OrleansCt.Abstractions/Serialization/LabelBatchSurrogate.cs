using OrleansCt.Core.Labels;

namespace OrleansCt.Abstractions.Serialization;

[GenerateSerializer, Alias("OrleansCt.LabelBatch")]
public struct LabelBatchSurrogate
{
    [Id(0)] public string[] Ids;
    [Id(1)] public double[] Labels;
}

[RegisterConverter]
public sealed class LabelBatchConverter : IConverter<LabelBatch, LabelBatchSurrogate>
{
    public LabelBatch ConvertFromSurrogate(in LabelBatchSurrogate s) => new(s.Ids, s.Labels);

    public LabelBatchSurrogate ConvertToSurrogate(in LabelBatch v) => new() { Ids = v.Ids, Labels = v.Labels };
}
