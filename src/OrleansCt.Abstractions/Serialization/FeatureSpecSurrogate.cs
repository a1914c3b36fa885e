using OrleansCt.Core.Schema;

namespace OrleansCt.Abstractions.Serialization;

[GenerateSerializer, Alias("OrleansCt.FeatureSpec")]
public struct FeatureSpecSurrogate
{
    [Id(0)] public string Name;
    [Id(1)] public FeatureType Type;
    [Id(2)] public double? Min;
    [Id(3)] public double? Max;
    [Id(4)] public bool Required;
    [Id(5)] public string[]? Categories;
    [Id(6)] public string[]? Aliases;
}

[RegisterConverter]
public sealed class FeatureSpecConverter : IConverter<FeatureSpec, FeatureSpecSurrogate>
{
    public FeatureSpec ConvertFromSurrogate(in FeatureSpecSurrogate s) => new()
    {
        Name = s.Name, Type = s.Type, Min = s.Min, Max = s.Max, Required = s.Required, Categories = s.Categories, Aliases = s.Aliases,
    };

    public FeatureSpecSurrogate ConvertToSurrogate(in FeatureSpec v) => new()
    {
        Name = v.Name, Type = v.Type, Min = v.Min, Max = v.Max, Required = v.Required, Categories = v.Categories?.ToArray(), Aliases = v.Aliases?.ToArray(),
    };
}
