using OrleansCt.Core.Events;

namespace OrleansCt.Abstractions.Serialization;

/// <summary>Predictions on the wire and in the log: the scores as raw bytes (id 2); id 1, the first layout, is still read.</summary>
[GenerateSerializer, Alias("OrleansCt.Predictions")]
public struct PredictionsSurrogate
{
    [Id(0)] public int Width;
    [Id(1)] public double[]? Scores;
    [Id(2)] public byte[]? ScoreBytes;
}

[RegisterConverter]
public sealed class PredictionsConverter : IConverter<Predictions, PredictionsSurrogate>
{
    public Predictions ConvertFromSurrogate(in PredictionsSurrogate s) =>
        new(s.Width, s.ScoreBytes is { } bytes ? RawColumns.UnpackDoubles(bytes) : s.Scores ?? []);

    public PredictionsSurrogate ConvertToSurrogate(in Predictions v) => new() { Width = v.Width, ScoreBytes = RawColumns.Pack(v.Scores) };
}
