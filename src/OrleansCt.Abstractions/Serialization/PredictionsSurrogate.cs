using OrleansCt.Core.Events;

namespace OrleansCt.Abstractions.Serialization;

[GenerateSerializer, Alias("OrleansCt.Predictions")]
public struct PredictionsSurrogate
{
    [Id(0)] public int Width;
    [Id(1)] public double[] Scores;
}

[RegisterConverter]
public sealed class PredictionsConverter : IConverter<Predictions, PredictionsSurrogate>
{
    public Predictions ConvertFromSurrogate(in PredictionsSurrogate s) => new(s.Width, s.Scores);

    public PredictionsSurrogate ConvertToSurrogate(in Predictions v) => new() { Width = v.Width, Scores = v.Scores };
}
