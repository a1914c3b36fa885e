using OrleansCt.Core.Schema;

namespace OrleansCt.Abstractions.Serialization;

[GenerateSerializer, Alias("OrleansCt.DetectorSpec")]
public struct DetectorSpecSurrogate
{
    [Id(0)] public string Kind;
    [Id(1)] public Dictionary<string, string>? Parameters;
}

[RegisterConverter]
public sealed class DetectorSpecConverter : IConverter<DetectorSpec, DetectorSpecSurrogate>
{
    public DetectorSpec ConvertFromSurrogate(in DetectorSpecSurrogate s) => new() { Kind = s.Kind, Parameters = s.Parameters };

    public DetectorSpecSurrogate ConvertToSurrogate(in DetectorSpec v) => new()
    {
        Kind = v.Kind, Parameters = v.Parameters is null ? null : new Dictionary<string, string>(v.Parameters, StringComparer.Ordinal),
    };
}
